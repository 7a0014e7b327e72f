/**
 * Decides the merged rootfs in memory before anything is written: later levels win for files and symlinks, and
 * any clash between a directory and a non-directory is a user error naming both levels. Planning first means the
 * writer only ever creates entries under directories it created itself, so it cannot write through a symlink
 * (an earlier `etc -> /etc` plus a later `etc/passwd` would otherwise write onto the build machine).
 */
import * as path from 'node:path';
import { Problem } from '../shared/errors';
import { DisplayPath, LevelScan, scanRootfsLevel } from './level-scan';
import { RootfsEntry } from './walk-level';

export type { DisplayPath } from './level-scan';

export interface PlannedEntry {
  kind: 'file' | 'directory' | 'symlink';
  /** The level directory the entry comes from (the last one that had it). */
  level: string;
  sourcePath: string;
  /** The mode written (normalised, see normalisedMode). */
  mode: number;
  /** The mode found in the source level, for warnings about what normalisation dropped. */
  sourceMode: number;
  linkTarget?: string;
}

export interface MergePlan {
  /** Keyed by `/`-separated path inside the rootfs; every parent of an entry is a planned directory. */
  entries: Map<string, PlannedEntry>;
  problems: Problem[];
}

/** Scans one level; a merge session passes a memoised one so each level is read once per run. */
export type LevelScanner = (level: string) => LevelScan;

export function planRootfsMerge(
  levels: string[],
  display: DisplayPath,
  scan: LevelScanner = (level) => scanRootfsLevel(level, display),
): MergePlan {
  const entries = new Map<string, PlannedEntry>();
  const problems: Problem[] = [];
  for (const level of levels) {
    const scanned = scan(level);
    if (scanned.state === 'missing') continue;
    if (scanned.state === 'unusable') {
      problems.push(scanned.problem);
      continue;
    }
    // A rejected directory's children are not merged: one problem per clash, not one per file below it.
    let skipBelow: string | undefined;
    for (const entry of scanned.entries) {
      if (skipBelow !== undefined && entry.relativePath.startsWith(skipBelow)) continue;
      skipBelow = undefined;
      const problem = addEntry(entries, level, entry, display);
      if (!problem) continue;
      problems.push(problem);
      if (entry.kind === 'directory') skipBelow = `${entry.relativePath}/`;
    }
  }
  return { entries, problems };
}

function addEntry(
  entries: Map<string, PlannedEntry>,
  level: string,
  entry: RootfsEntry,
  display: DisplayPath,
): Problem | undefined {
  if (entry.kind === 'special') {
    return {
      message: `"${entry.relativePath}" in ${display(level)} is a ${entry.specialType}; a rootfs may only contain regular files, directories and symlinks`,
      location: { file: display(entry.absolutePath) },
      hint: 'remove it: it cannot be copied into an image layer',
    };
  }
  const earlier = entries.get(entry.relativePath);
  const planned: PlannedEntry = {
    kind: entry.kind,
    level,
    sourcePath: entry.absolutePath,
    mode: normalisedMode(entry.kind, entry.mode),
    sourceMode: entry.mode,
    linkTarget: entry.linkTarget,
  };
  if (!earlier || (earlier.kind === 'directory') === (entry.kind === 'directory')) {
    // Same kind of thing, or a file/symlink replacing a file/symlink: later wins .
    entries.set(entry.relativePath, planned);
    return undefined;
  }
  return clashProblem(entry, planned, earlier, display);
}

function clashProblem(entry: RootfsEntry, later: PlannedEntry, earlier: PlannedEntry, display: DisplayPath): Problem {
  const where = `"${entry.relativePath}" is ${describeKind(later)} in ${display(later.level)} but ${describeKind(earlier)} in ${display(earlier.level)}`;
  const location = { file: display(entry.absolutePath) };
  if (later.kind === 'directory' && earlier.kind === 'symlink') {
    return {
      message: `${where}: merging the directory would write its files through the link, possibly outside the rootfs`,
      location,
      hint: `a path must have the same type in every rootfs level: replace the symlink in ${display(earlier.level)} with a real directory, or put these files under the link's target path instead`,
    };
  }
  if (later.kind === 'directory') {
    return {
      message: `${where}: a directory cannot replace a file`,
      location,
      hint: `a path must have the same type in every rootfs level: rename one of them or remove "${entry.relativePath}" from ${display(earlier.level)}`,
    };
  }
  return {
    message: `${where}: a later level may replace files and symlinks, not directories`,
    location,
    hint: `remove the directory "${entry.relativePath}" from ${display(earlier.level)} or rename the entry in ${display(later.level)}`,
  };
}

function describeKind(entry: PlannedEntry): string {
  if (entry.kind === 'symlink') return `a symlink (-> ${entry.linkTarget})`;
  return entry.kind === 'file' ? 'a regular file' : 'a directory';
}

export function displayPathRelativeTo(displayRoot: string | undefined): DisplayPath {
  if (displayRoot === undefined) return (absolutePath) => absolutePath;
  return (absolutePath) => path.relative(displayRoot, absolutePath).split(path.sep).join('/') || '.';
}

/**
 * Modes as git stores them: a file is 0755 when any execute bit is set, else 0644; directories 0755. The rest of
 * a checkout's mode bits depend on the machine's umask (GitLab runners often check out world-writable), so
 * keeping them would make the same commit produce different layers — and world-writable files — on different
 * runners. Anything stricter (0600, setuid) belongs in the Dockerfile (`RUN chmod`), where it is visible.
 */
export function normalisedMode(kind: string, mode: number): number {
  if (kind === 'directory') return 0o755;
  if (kind === 'symlink') return 0o777;
  return mode & 0o111 ? 0o755 : 0o644;
}
