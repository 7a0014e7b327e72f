/**
 * Removes report pages left from earlier runs (an image or tag that no longer exists, an SBOM that is gone).
 * Only files this report owns are touched: named index.html or sbom.html AND carrying the generator marker. A tag's
 * rootfs/ is never entered, so an `index.html` an image ships (a web server's, say) is safe even by name.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { GENERATOR_MARKER } from './page-layout';
import { INDEX_PAGE, SBOM_PAGE } from './page-paths';

const MARKER_WINDOW = 1024;

/** Returns the removed pages (paths inside dist/, sorted). */
export async function removeStalePages(distDir: string, keep: ReadonlySet<string>): Promise<string[]> {
  const removed: string[] = [];
  await visit(distDir, '', keep, removed);
  return removed.sort();
}

/** Returns whether it removed anything in or below `relative`. */
async function visit(
  distDir: string,
  relative: string,
  keep: ReadonlySet<string>,
  removed: string[],
): Promise<boolean> {
  const dir = path.join(distDir, relative);
  const entries = await fs.readdir(dir, { withFileTypes: true });
  const isTagFolder = entries.some((e) => e.isFile() && e.name === 'Dockerfile');
  let removedAny = false;
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const child = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (entry.name.startsWith('.') || (isTagFolder && entry.name === 'rootfs')) continue;
      if (await visit(distDir, child, keep, removed)) {
        removedAny = true;
        await removeIfEmpty(path.join(distDir, child));
      }
    } else if (entry.isFile() && (entry.name === INDEX_PAGE || entry.name === SBOM_PAGE) && !keep.has(child)) {
      const file = path.join(distDir, child);
      if (!(await carriesMarker(file))) continue;
      await fs.rm(file, { force: true });
      removed.push(child);
      removedAny = true;
    }
  }
  return removedAny;
}

async function carriesMarker(file: string): Promise<boolean> {
  const handle = await fs.open(file, 'r');
  try {
    const buffer = Buffer.alloc(MARKER_WINDOW);
    const { bytesRead } = await handle.read(buffer, 0, MARKER_WINDOW, 0);
    return buffer.subarray(0, bytesRead).toString('utf8').includes(GENERATOR_MARKER);
  } finally {
    await handle.close();
  }
}

/** A folder emptied by removing stale pages goes too; one that still holds anything stays. */
async function removeIfEmpty(dir: string): Promise<void> {
  try {
    await fs.rmdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
  }
}
