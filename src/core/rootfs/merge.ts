/**
 * Merges the rootfs levels of one tag (image, version, variant; lowest priority first) into the directory that
 * `COPY rootfs/ /` reads. See merge-plan.ts for the rules and write-merged-tree.ts for how the result is written;
 * merge-session.ts merges the tags of a whole run without repeating work.
 */
import { statSync } from 'node:fs';
import { RootfsMergeOptions, RootfsMergeResult, RootfsMergeSession } from './merge-session';
import { walkLevel } from './walk-level';

export type { RootfsMergeOptions, RootfsMergeResult } from './merge-session';

/**
 * Writes the merged tree into `dest` (an empty directory the caller owns) only when there is content and no
 * problem, so a failed or empty merge never leaves a half-written rootfs behind.
 */
export async function mergeRootfsLevels(
  levels: string[],
  dest: string,
  options: RootfsMergeOptions = {},
): Promise<RootfsMergeResult> {
  return new RootfsMergeSession(options).merge(levels, dest);
}

/** True when any existing level holds a regular file or symlink at any depth (hidden and dangling ones count). */
export async function hasRootfsContent(levels: string[]): Promise<boolean> {
  for (const level of levels) {
    if (!isDirectory(level)) continue;
    let found = false;
    walkLevel(level, (entry) => {
      if (entry.kind === 'file' || entry.kind === 'symlink') found = true;
      return !found;
    });
    if (found) return true;
  }
  return false;
}

function isDirectory(candidate: string): boolean {
  try {
    return statSync(candidate).isDirectory();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
