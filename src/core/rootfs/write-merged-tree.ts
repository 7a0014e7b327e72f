/**
 * Writes a merge plan into a directory. Entries are created parents first, each one exclusively (mkdir, symlink,
 * link and an O_EXCL copy fail rather than reuse something already there), so nothing is ever written through a
 * symlink. Modes come normalised from the plan; every mtime is set to one fixed epoch so identical sources give
 * identical layers. The calls go through OutputCalls, which makes them synchronously while that is faster.
 */
import * as path from 'node:path';
import { CreatedModeCheck } from './created-mode';
import { PlannedEntry } from './merge-plan';
import { LinkedCopies } from './linked-copies';
import { OutputCalls } from './output-calls';
import { compareCodeUnits } from './walk-level';

/**
 * Planned directories always get this mode (see normalisedMode), and so does the rootfs root, which is copied
 * onto the image's `/` whatever the level directories' modes happen to be after a checkout. It leaves the owner
 * able to write, so it is applied as soon as a directory is created.
 */
const DIRECTORY_MODE = 0o755;

/**
 * What one run's trees share: the fixed mtime, the calls, what creating an entry gives, and the first copy of
 * each source file (every copy of one source file is identical: same content, mode normalised from the same
 * source mode, same mtime), which the other trees link to.
 */
export interface TreeWriteContext {
  epochSeconds: number;
  calls: OutputCalls;
  modes: CreatedModeCheck;
  files: LinkedCopies<string>;
}

export function treeWriteContext(
  epochSeconds: number,
  calls: OutputCalls,
  modes = new CreatedModeCheck(calls),
): TreeWriteContext {
  return { epochSeconds, calls, modes, files: new LinkedCopies<string>(calls) };
}

/** `sortedPaths` are the plan's keys in code-unit order, which puts every directory before its children. */
export async function writeMergedTree(
  entries: Map<string, PlannedEntry>,
  sortedPaths: readonly string[],
  destination: string,
  context: TreeWriteContext,
): Promise<void> {
  const { epochSeconds, calls, modes, files } = context;
  // undefined when the destination existed already: its mode is then whatever it was, so it is always set.
  const createdFrom = await calls.mkdirRecursive(destination, DIRECTORY_MODE);
  if (createdFrom === undefined) await calls.chmod(destination, DIRECTORY_MODE);
  else await modes.ensureMode(destination, `mkdir 0${DIRECTORY_MODE.toString(8)}`, DIRECTORY_MODE);
  const directories: string[] = [];
  for (const relativePath of sortedPaths) {
    const entry = entries.get(relativePath) as PlannedEntry;
    const target = path.join(destination, relativePath);
    if (entry.kind === 'directory') {
      await calls.mkdir(target, entry.mode);
      await modes.ensureMode(target, `mkdir 0${entry.mode.toString(8)}`, entry.mode);
      directories.push(target);
    } else if (entry.kind === 'symlink') {
      await calls.symlink(entry.linkTarget as string, target);
      await calls.setLinkTimes(target, epochSeconds);
    } else {
      await files.place(entry.sourcePath, target, (first) => copyFile(entry, first, context));
    }
  }
  // Children before parents: creating an entry changes its parent's mtime, so directory times are set last.
  for (const directory of directories.reverse()) await calls.setTimes(directory, epochSeconds);
  await calls.setTimes(destination, epochSeconds);
}

async function copyFile(entry: PlannedEntry, target: string, context: TreeWriteContext): Promise<void> {
  await context.calls.copyFileExclusive(entry.sourcePath, target);
  // copyFile gives the copy the source's mode, so only sources whose mode normalisation changes need a chmod.
  await context.modes.ensureMode(target, `copyFile from 0${entry.sourceMode.toString(8)}`, entry.mode);
  // A file's mtime, unlike a directory's, is not touched by anything written after it: set it right away.
  await context.calls.setTimes(target, context.epochSeconds);
}

/** The plan's paths in the order writeMergedTree needs them. */
export function sortedPlanPaths(entries: Map<string, PlannedEntry>): string[] {
  return [...entries.keys()].sort(compareCodeUnits);
}
