/**
 * Reads one rootfs level completely, once: whether it is usable and every entry below it (parents first, sorted).
 * Tags of one definition share their image and version levels, so a merge session scans each level once and
 * plans every merge from these lists instead of walking the same directories again for every tag.
 */
import { promises as fs } from 'node:fs';
import { Problem } from '../shared/errors';
import { compareCodeUnits, readRootfsEntry, RootfsEntry } from './walk-level';

export type DisplayPath = (absolutePath: string) => string;

export type LevelScan =
  { state: 'missing' } | { state: 'unusable'; problem: Problem } | { state: 'directory'; entries: RootfsEntry[] };

export async function scanRootfsLevel(level: string, display: DisplayPath): Promise<LevelScan> {
  const root = await checkLevelRoot(level, display);
  if (root === 'missing') return { state: 'missing' };
  if (root !== 'directory') return { state: 'unusable', problem: root };
  return { state: 'directory', entries: await scanDirectory(level, '') };
}

/**
 * Every entry below `directory` in walkLevel's order (sorted names, each directory followed by its contents). The
 * entries of one directory are read in parallel: a run scans hundreds of levels before it writes anything.
 */
async function scanDirectory(directory: string, relativeDirectory: string): Promise<RootfsEntry[]> {
  const names = (await fs.readdir(directory)).sort(compareCodeUnits);
  const entries = await Promise.all(names.map((name) => readRootfsEntry(directory, relativeDirectory, name)));
  const contents = await Promise.all(
    entries.map((entry) =>
      entry.kind === 'directory' ? scanDirectory(entry.absolutePath, entry.relativePath) : Promise.resolve([]),
    ),
  );
  return entries.flatMap((entry, index) => [entry, ...contents[index]]);
}

/**
 * The level directory itself may be a symlink (it belongs to the repository's layout, not to the image), so it is
 * followed; a missing level is simply not used.
 */
async function checkLevelRoot(level: string, display: DisplayPath): Promise<'missing' | 'directory' | Problem> {
  try {
    await fs.lstat(level);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
  try {
    if ((await fs.stat(level)).isDirectory()) return 'directory';
    return {
      message: `the rootfs level ${display(level)} is not a directory`,
      location: { file: display(level) },
      hint: 'a rootfs level must be a directory holding the files to copy into the image; rename or remove this file',
    };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return {
      message: `the rootfs level ${display(level)} is a symlink to ${await fs.readlink(level)}, which does not exist`,
      location: { file: display(level) },
      hint: 'point the link at an existing directory or remove it',
    };
  }
}
