/**
 * Writes a merge plan into an empty directory. Entries are created parents first, each one exclusively (mkdir,
 * symlink and an O_EXCL copy fail rather than reuse something already there), so nothing is ever written through
 * a symlink. Modes come normalised from the plan; every mtime is set to one fixed epoch so identical sources give
 * identical layers.
 */
import { constants, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { PlannedEntry } from './merge-plan';
import { compareCodeUnits } from './walk-level';

/**
 * The rootfs root is copied onto the image's `/`, so it always gets 0755 whatever the level directories' modes
 * happen to be after a checkout.
 */
const ROOT_DIRECTORY_MODE = 0o755;

export async function writeMergedTree(
  entries: Map<string, PlannedEntry>,
  destination: string,
  epochSeconds: number,
): Promise<void> {
  await fs.mkdir(destination, { recursive: true });
  // Sorted keys put every directory before its children ("a" < "a/…").
  const paths = [...entries.keys()].sort(compareCodeUnits);
  for (const relativePath of paths) {
    const entry = entries.get(relativePath) as PlannedEntry;
    const target = path.join(destination, ...relativePath.split('/'));
    if (entry.kind === 'directory') {
      await fs.mkdir(target);
    } else if (entry.kind === 'symlink') {
      await fs.symlink(entry.linkTarget as string, target);
    } else {
      await fs.copyFile(entry.sourcePath, target, constants.COPYFILE_EXCL);
      await fs.chmod(target, entry.mode);
    }
  }
  // Children before parents: writing a child changes its parent's mtime, and a read-only directory mode is only
  // applied once nothing needs to be created inside it any more.
  for (const relativePath of [...paths].reverse()) {
    const entry = entries.get(relativePath) as PlannedEntry;
    const target = path.join(destination, ...relativePath.split('/'));
    if (entry.kind === 'symlink') {
      await fs.lutimes(target, epochSeconds, epochSeconds);
      continue;
    }
    if (entry.kind === 'directory') await fs.chmod(target, entry.mode);
    await fs.utimes(target, epochSeconds, epochSeconds);
  }
  await fs.chmod(destination, ROOT_DIRECTORY_MODE);
  await fs.utimes(destination, epochSeconds, epochSeconds);
}
