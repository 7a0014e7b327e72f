/**
 * Builds real rootfs level trees in temp directories and reads merged trees back with `ls -l`-style metadata.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** `'dir/'` = directory; string = file content; objects for modes, symlinks and FIFOs. */
export type TreeEntry =
  string | { content: string; mode: number } | { symlink: string } | { dir: true; mode: number } | { fifo: true };
export type TreeSpec = Record<string, TreeEntry>;

export class TempDirs {
  private readonly created: string[] = [];
  async make(prefix = 'rootfs-test-'): Promise<string> {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
    this.created.push(dir);
    return dir;
  }
  async cleanup(): Promise<void> {
    for (const dir of this.created.splice(0)) {
      // Read-only directories in a merged tree would make rm fail for a non-root user.
      execFileSync('chmod', ['-R', 'u+rwx', dir]);
      await fs.rm(dir, { recursive: true, force: true });
    }
  }
}

export async function makeTree(root: string, spec: TreeSpec): Promise<string> {
  await fs.mkdir(root, { recursive: true });
  const modes: Array<[string, number]> = [];
  for (const [relative, entry] of Object.entries(spec)) {
    const target = path.join(root, relative);
    if (relative.endsWith('/')) {
      await fs.mkdir(target, { recursive: true });
      continue;
    }
    await fs.mkdir(path.dirname(target), { recursive: true });
    if (typeof entry === 'string') {
      await fs.writeFile(target, entry);
    } else if ('symlink' in entry) {
      await fs.symlink(entry.symlink, target);
    } else if ('fifo' in entry) {
      try {
        execFileSync('mkfifo', [target]);
      } catch (error) {
        throw new Error(`mkfifo is needed for this test (install coreutils): ${String(error)}`);
      }
    } else if ('dir' in entry) {
      await fs.mkdir(target, { recursive: true });
      modes.push([target, entry.mode]);
    } else {
      await fs.writeFile(target, entry.content);
      modes.push([target, entry.mode]);
    }
  }
  // Modes last (deepest first), so a read-only directory does not stop its own children from being created.
  for (const [target, mode] of modes.sort((a, b) => b[0].length - a[0].length)) await fs.chmod(target, mode);
  return root;
}

export interface EntryMetadata {
  path: string;
  type: 'file' | 'dir' | 'symlink' | 'other';
  mode: string;
  uid: number;
  gid: number;
  size: number;
  mtimeMs: number;
  target?: string;
  sha256?: string;
}

/** Every entry below `root` (and root itself as `.`), never following symlinks, sorted by path. */
export async function readTree(root: string): Promise<EntryMetadata[]> {
  const result: EntryMetadata[] = [];
  async function visit(absolute: string, relative: string): Promise<void> {
    const stats = await fs.lstat(absolute);
    const type = stats.isSymbolicLink() ? 'symlink' : stats.isFile() ? 'file' : stats.isDirectory() ? 'dir' : 'other';
    const entry: EntryMetadata = {
      path: relative,
      type,
      mode: (stats.mode & 0o7777).toString(8).padStart(4, '0'),
      uid: stats.uid,
      gid: stats.gid,
      size: type === 'dir' ? 0 : stats.size,
      mtimeMs: stats.mtimeMs,
    };
    if (type === 'symlink') entry.target = await fs.readlink(absolute);
    if (type === 'file')
      entry.sha256 = createHash('sha256')
        .update(await fs.readFile(absolute))
        .digest('hex');
    result.push(entry);
    if (type === 'dir') {
      for (const name of (await fs.readdir(absolute)).sort()) {
        await visit(path.join(absolute, name), relative === '.' ? name : `${relative}/${name}`);
      }
    }
  }
  await visit(root, '.');
  return result;
}

export async function exists(file: string): Promise<boolean> {
  try {
    await fs.lstat(file);
    return true;
  } catch {
    return false;
  }
}
