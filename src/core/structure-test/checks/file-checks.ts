/**
 * fileExistenceTests and fileContentTests against the image's merged file system. Paths are looked up with stat
 * semantics inside the image (a symlink is judged by its target, as the real tool's tar driver does), and
 * `$VAR` in a path is expanded from the image's environment like the real tool does for existence tests.
 */
import type { FsNode } from '../archive/fs-node';
import type { ImageFilesystem } from '../archive/image-filesystem';
import { describeResolutionFailure } from '../archive/path-resolution';
import type { FileContentTestSpec, FileExistenceTestSpec } from '../config/types';
import { expandGoStyle } from '../env-expansion';
import { formatMode, isExecutableBy } from '../file-mode';
import { matchPatterns, outcomeOf, type CheckOutcome } from './check-outcome';

export function checkFileExistence(
  fs: ImageFilesystem,
  test: FileExistenceTestSpec,
  imageEnv: Map<string, string>,
): CheckOutcome {
  const path = expandGoStyle(test.path, (name) => imageEnv.get(name));
  const found = fs.stat(path);
  if (!found.ok) {
    return test.shouldExist ? { status: 'failed', message: describeResolutionFailure(path, found) } : outcomeOf([]);
  }
  if (!test.shouldExist) return outcomeOf([`${path} should not exist, but it does (${describeNode(found.node)})`]);
  const node = found.node;
  const mismatches: string[] = [];
  const mode = formatMode(node);
  if (test.permissions !== undefined && mode !== test.permissions) {
    mismatches.push(`${path} has permissions ${mode}, expected ${test.permissions}`);
  }
  if (test.isExecutableBy && !isExecutableBy(node.mode, test.isExecutableBy)) {
    mismatches.push(`${path} is not executable by ${test.isExecutableBy} (permissions ${mode})`);
  }
  if (test.uid !== undefined && node.uid !== test.uid) {
    mismatches.push(`${path} is owned by uid ${node.uid}, expected ${test.uid}`);
  }
  if (test.gid !== undefined && node.gid !== test.gid) {
    mismatches.push(`${path} belongs to gid ${node.gid}, expected ${test.gid}`);
  }
  return outcomeOf(mismatches);
}

/** The file a content test reads, or why it cannot be read. */
export function fileForContentTest(
  fs: ImageFilesystem,
  path: string,
): { node: FsNode; failure?: undefined } | { node?: undefined; failure: string } {
  const found = fs.stat(path);
  if (!found.ok) return { failure: `cannot open ${path}: ${describeResolutionFailure(path, found)}` };
  if (found.node.kind === 'directory') return { failure: `cannot read ${path}: it is a directory, not a file` };
  if (found.node.kind !== 'file') return { failure: `cannot read ${path}: it is a ${describeNode(found.node)}` };
  return { node: found.node };
}

export function checkFileContent(
  fs: ImageFilesystem,
  test: FileContentTestSpec,
  contents: Map<FsNode, Buffer>,
): CheckOutcome {
  const file = fileForContentTest(fs, test.path);
  if (file.failure !== undefined) return { status: 'failed', message: file.failure };
  const bytes = contents.get(file.node);
  if (!bytes) return { status: 'error', message: `the contents of ${test.path} could not be read from the archive` };
  const text = bytes.toString('utf8');
  return outcomeOf(matchPatterns(text, `the contents of ${test.path}`, test.expectedContents, test.excludedContents));
}

function describeNode(node: FsNode): string {
  switch (node.kind) {
    case 'file':
      return 'a regular file';
    case 'directory':
      return 'a directory';
    case 'symlink':
      return 'a symbolic link';
    case 'char':
      return 'a character device';
    case 'block':
      return 'a block device';
    case 'fifo':
      return 'a named pipe';
  }
}
