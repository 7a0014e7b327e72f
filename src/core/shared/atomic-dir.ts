import { promises as fs } from 'node:fs';
import * as path from 'node:path';

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
    await fs.rm(temp, { recursive: true, force: true });
    throw error;
  }
  const old = path.join(parent, `.${base}.old-${process.pid}-${Date.now()}`);
  let hadOld = false;
  try {
    await fs.rename(target, old);
    hadOld = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      await fs.rm(temp, { recursive: true, force: true });
      throw error;
    }
  }
  try {
    await fs.rename(temp, target);
  } catch (error) {
    if (hadOld) await fs.rename(old, target);
    await fs.rm(temp, { recursive: true, force: true });
    throw error;
  }
  if (hadOld) await fs.rm(old, { recursive: true, force: true });
}

/** Writes one file atomically (temp file in the same directory, then rename). */
export async function writeFileAtomically(file: string, content: string | Uint8Array): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  await fs.writeFile(temp, content);
  await fs.rename(temp, file);
}
