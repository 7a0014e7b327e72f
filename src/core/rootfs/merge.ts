/**
 * Merges the rootfs levels of one tag (image, version, variant; lowest priority first) into the directory that
 * `COPY rootfs/ /` reads. See merge-plan.ts for the rules and write-merged-tree.ts for how the result is written.
 */
import { promises as fs } from 'node:fs';
import { Problem } from '../shared/errors';
import { displayPathRelativeTo, planRootfsMerge } from './merge-plan';
import { RootfsWarning, rootfsWarnings } from './rootfs-warnings';
import { compareCodeUnits, walkLevel } from './walk-level';
import { writeMergedTree } from './write-merged-tree';

export interface RootfsMergeOptions {
  /** Paths in problems and warnings are shown relative to this directory (normally the project root). */
  displayRoot?: string;
  /** Seconds since 1970 for every mtime in the result (`SOURCE_DATE_EPOCH`); 0 when not given. */
  sourceDateEpoch?: number;
}

export interface RootfsMergeResult {
  /** At least one regular file or symlink (empty directories alone are not content). */
  hasContent: boolean;
  /** Sorted `/`-separated paths of every file and symlink in the merged tree. */
  files: string[];
  warnings: RootfsWarning[];
  /** User errors (type clashes, special files); when there are any, nothing is written to `dest`. */
  problems: Problem[];
}

/**
 * Writes the merged tree into `dest` (an empty directory the caller owns) only when there is content and no
 * problem, so a failed or empty merge never leaves a half-written rootfs behind.
 */
export async function mergeRootfsLevels(
  levels: string[],
  dest: string,
  options: RootfsMergeOptions = {},
): Promise<RootfsMergeResult> {
  const epoch = options.sourceDateEpoch ?? 0;
  if (!Number.isSafeInteger(epoch) || epoch < 0) {
    throw new RangeError(`sourceDateEpoch must be a whole number of seconds >= 0, got ${epoch}`);
  }
  const display = displayPathRelativeTo(options.displayRoot);
  const { entries, problems } = await planRootfsMerge(levels, display);
  const files = [...entries.entries()]
    .filter(([, entry]) => entry.kind !== 'directory')
    .map(([relativePath]) => relativePath)
    .sort(compareCodeUnits);
  const hasContent = files.length > 0;
  const warnings = rootfsWarnings(entries, display);
  if (hasContent && problems.length === 0) await writeMergedTree(entries, dest, epoch);
  return { hasContent, files, warnings, problems };
}

/** True when any existing level holds a regular file or symlink at any depth (hidden and dangling ones count). */
export async function hasRootfsContent(levels: string[]): Promise<boolean> {
  for (const level of levels) {
    if (!(await isDirectory(level))) continue;
    let found = false;
    await walkLevel(level, (entry) => {
      if (entry.kind === 'file' || entry.kind === 'symlink') found = true;
      return !found;
    });
    if (found) return true;
  }
  return false;
}

async function isDirectory(candidate: string): Promise<boolean> {
  try {
    return (await fs.stat(candidate)).isDirectory();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
