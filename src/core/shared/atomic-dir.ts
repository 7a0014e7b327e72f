import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { forEachBounded } from './bounded';

/** Directories read or removed at once when deleting a tree: keeps libuv's file system threads busy, bounds memory. */
const REMOVAL_WIDTH = 16;

/**
 * Writes a whole directory tree atomically: `build` fills a fresh temporary sibling of `target`, then the old
 * directory is swapped out with renames. A failed `build` leaves `target` exactly as it was, and readers never see
 * a half-written tree (nothing stale survives either, since nothing is written in place).
 */
export async function replaceDirectoryAtomically(
  target: string,
  build: (tempDir: string) => Promise<void>,
): Promise<void> {
  const parent = path.dirname(path.resolve(target));
  await fs.mkdir(parent, { recursive: true });
  const base = path.basename(target);
  const temp = await fs.mkdtemp(path.join(parent, `.${base}.new-`));
  try {
    await build(temp);
  } catch (error) {
    await removeTree(temp);
    throw error;
  }
  const old = path.join(parent, `.${base}.old-${process.pid}-${Date.now()}`);
  let hadOld = false;
  try {
    await fs.rename(target, old);
    hadOld = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      await removeTree(temp);
      throw error;
    }
  }
  try {
    await fs.rename(temp, target);
  } catch (error) {
    if (hadOld) await fs.rename(old, target);
    await removeTree(temp);
    throw error;
  }
  if (hadOld) await removeTree(old);
}

/** Writes one file atomically (temp file in the same directory, then rename). */
export async function writeFileAtomically(file: string, content: string | Uint8Array): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  await fs.writeFile(temp, content);
  await fs.rename(temp, file);
}

/**
 * Deletes `root` and everything below it; symlinks are removed, never followed. It reads each directory once and
 * removes each entry with one call, where Node 20's recursive fs.rm also stats every entry and first tries to
 * remove each directory while it still has entries: on a generated tree of tens of thousands of entries, that
 * is most of the time `generate` spends replacing its previous output. Anything unexpected (an entry changing
 * while we delete, a directory we may not write to) is left to fs.rm, which has retries and the full rules.
 */
export async function removeTree(root: string): Promise<void> {
  try {
    await removeTreeFast(root);
  } catch {
    await fs.rm(root, { recursive: true, force: true });
  }
}

async function removeTreeFast(root: string): Promise<void> {
  let stats;
  try {
    stats = await fs.lstat(root);
  } catch (error) {
    // Like fs.rm with force: a tree that is not there is removed.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  // A link is removed itself; reading it as a directory would delete what it points at.
  if (!stats.isDirectory()) return fs.unlink(root);
  // Directories by depth, so each depth can be removed in parallel once every deeper one is gone.
  const depths: string[][] = [];
  for (let current = [root]; current.length > 0;) {
    depths.push(current);
    const below: string[] = [];
    await forEachBounded(current, REMOVAL_WIDTH, async (directory) => {
      // Dirent types come from lstat, so a symlink to a directory is unlinked, not entered.
      for (const entry of await fs.readdir(directory, { withFileTypes: true })) {
        const entryPath = path.join(directory, entry.name);
        if (entry.isDirectory()) below.push(entryPath);
        else await fs.unlink(entryPath);
      }
    });
    current = below;
  }
  for (const directories of depths.reverse())
    await forEachBounded(directories, REMOVAL_WIDTH, (directory) => fs.rmdir(directory));
}
