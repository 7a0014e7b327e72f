/**
 * Merges the rootfs of many tags in one run (`generate`) without repeating work: each level directory is read
 * once, each distinct list of levels is planned once (the tags of one definition share their image and version
 * levels; a variant adds one), and each source file is copied once, every other placement being a hard link to
 * that copy (see linked-copies.ts). Results are the same as merging every tag on its own. Levels are read with
 * synchronous calls (cached metadata, a few microseconds each); trees are written through OutputCalls.
 *
 * A session caches what it read, so it belongs to one run: create one per output tree and drop it afterwards;
 * files changed while it is alive are not seen again.
 */
import { Problem } from '../shared/errors';
import { CreatedModeCheck } from './created-mode';
import { LevelScan, scanRootfsLevel } from './level-scan';
import { OutputCalls } from './output-calls';
import { displayPathRelativeTo, DisplayPath, PlannedEntry, planRootfsMerge } from './merge-plan';
import { RootfsWarning, rootfsWarnings } from './rootfs-warnings';
import { sortedPlanPaths, treeWriteContext, TreeWriteContext, writeMergedTree } from './write-merged-tree';

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

interface PreparedMerge {
  entries: Map<string, PlannedEntry>;
  sortedPaths: string[];
  result: RootfsMergeResult;
}

export class RootfsMergeSession {
  private readonly display: DisplayPath;
  private readonly writeContext: TreeWriteContext;
  private readonly scans = new Map<string, LevelScan>();
  private readonly plans = new Map<string, PreparedMerge>();

  /** `calls` and `modes` let the caller share the calls and what they learnt with the files it writes itself. */
  constructor(options: RootfsMergeOptions = {}, calls = new OutputCalls(), modes = new CreatedModeCheck(calls)) {
    const epoch = options.sourceDateEpoch ?? 0;
    if (!Number.isSafeInteger(epoch) || epoch < 0) {
      throw new RangeError(`sourceDateEpoch must be a whole number of seconds >= 0, got ${epoch}`);
    }
    this.display = displayPathRelativeTo(options.displayRoot);
    this.writeContext = treeWriteContext(epoch, calls, modes);
  }

  /** What merging `levels` gives (content, files, warnings, problems), without writing anything. */
  plan(levels: string[]): RootfsMergeResult {
    return copyResult(this.prepare(levels).result);
  }

  /**
   * Writes the merged tree into `dest` (an empty or missing directory the caller owns) only when there is content
   * and no problem, so a failed or empty merge never leaves a half-written rootfs behind.
   */
  async merge(levels: string[], dest: string): Promise<RootfsMergeResult> {
    const { entries, sortedPaths, result } = this.prepare(levels);
    if (result.hasContent && result.problems.length === 0) {
      await writeMergedTree(entries, sortedPaths, dest, this.writeContext);
    }
    return copyResult(result);
  }

  private prepare(levels: string[]): PreparedMerge {
    const key = levels.join('\0');
    let prepared = this.plans.get(key);
    if (!prepared) {
      prepared = this.preparePlan(levels);
      this.plans.set(key, prepared);
    }
    return prepared;
  }

  private preparePlan(levels: string[]): PreparedMerge {
    const { entries, problems } = planRootfsMerge(levels, this.display, (level) => this.scan(level));
    const sortedPaths = sortedPlanPaths(entries);
    const files = sortedPaths.filter((relativePath) => entries.get(relativePath)?.kind !== 'directory');
    const warnings = rootfsWarnings(entries, this.display);
    return { entries, sortedPaths, result: { hasContent: files.length > 0, files, warnings, problems } };
  }

  private scan(level: string): LevelScan {
    let scan = this.scans.get(level);
    if (!scan) {
      scan = scanRootfsLevel(level, this.display);
      this.scans.set(level, scan);
    }
    return scan;
  }
}

/** Callers get their own arrays: the cached result is shared by every tag with the same levels. */
function copyResult(result: RootfsMergeResult): RootfsMergeResult {
  return { ...result, files: [...result.files], warnings: [...result.warnings], problems: [...result.problems] };
}
