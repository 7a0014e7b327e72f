/**
 * Reads one rootfs level completely, once: whether it is usable and every entry below it (parents first, sorted).
 * Tags of one definition share their image and version levels, so a merge session scans each level once and
 * plans every merge from these lists instead of walking the same directories again for every tag.
 */
import { lstatSync, readlinkSync, statSync } from 'node:fs';
import { Problem } from '../shared/errors';
import { RootfsEntry, walkLevel } from './walk-level';

export type DisplayPath = (absolutePath: string) => string;

export type LevelScan =
  { state: 'missing' } | { state: 'unusable'; problem: Problem } | { state: 'directory'; entries: RootfsEntry[] };

export function scanRootfsLevel(level: string, display: DisplayPath): LevelScan {
  const root = checkLevelRoot(level, display);
  if (root === 'missing') return { state: 'missing' };
  if (root !== 'directory') return { state: 'unusable', problem: root };
  // walkLevel's order (sorted names, each directory followed by its contents) is the order plans rely on.
  const entries: RootfsEntry[] = [];
  walkLevel(level, (entry) => {
    entries.push(entry);
    return true;
  });
  return { state: 'directory', entries };
}

/**
 * The level directory itself may be a symlink (it belongs to the repository's layout, not to the image), so it is
 * followed; a missing level is simply not used.
 */
function checkLevelRoot(level: string, display: DisplayPath): 'missing' | 'directory' | Problem {
  try {
    lstatSync(level);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
  try {
    if (statSync(level).isDirectory()) return 'directory';
    return {
      message: `the rootfs level ${display(level)} is not a directory`,
      location: { file: display(level) },
      hint: 'a rootfs level must be a directory holding the files to copy into the image; rename or remove this file',
    };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return {
      message: `the rootfs level ${display(level)} is a symlink to ${readlinkSync(level)}, which does not exist`,
      location: { file: display(level) },
      hint: 'point the link at an existing directory or remove it',
    };
  }
}
