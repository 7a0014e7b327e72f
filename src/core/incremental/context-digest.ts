/**
 * The build context of a tag is what `generate` wrote into `dist/<image>/<tag>/`: the Dockerfile (hashed by the
 * caller, see unit-inputs.ts) and rootfs/. test.yml is beside them but is not an input of the image; records of
 * earlier runs live in `linux-<arch>/`. The digest covers what a COPY can observe: every path, its type, its
 * permission bits, a file's bytes and a symlink's target. Owners come from `--chown` and times from
 * SOURCE_DATE_EPOCH, so neither is hashed.
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import * as path from 'node:path';

/** The rootfs folder inside a tag folder (see write-dist). */
export const ROOTFS_DIR = 'rootfs';

export async function digestBuildContext(tagDir: string): Promise<string> {
  const hash = createHash('sha256');
  const rootfs = path.join(tagDir, ROOTFS_DIR);
  if (await exists(rootfs)) {
    hash.update('rootfs\n');
    await hashTree(rootfs, '', hash);
  } else {
    hash.update('no rootfs\n');
  }
  return `sha256:${hash.digest('hex')}`;
}

async function hashTree(root: string, relative: string, hash: Hash): Promise<void> {
  const directory = path.join(root, relative);
  // Code-unit order, the same on every machine and locale.
  const names = (await fs.readdir(directory)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const name of names) {
    const entry = relative ? `${relative}/${name}` : name;
    const absolute = path.join(root, entry);
    const stats = await fs.lstat(absolute);
    const mode = (stats.mode & 0o7777).toString(8);
    // JSON-encoded names: a name containing a newline cannot be confused with two entries.
    if (stats.isSymbolicLink()) {
      hash.update(`l ${JSON.stringify(entry)} ${JSON.stringify(await fs.readlink(absolute))}\n`);
    } else if (stats.isDirectory()) {
      hash.update(`d ${JSON.stringify(entry)} ${mode}\n`);
      await hashTree(root, entry, hash);
    } else if (stats.isFile()) {
      hash.update(`f ${JSON.stringify(entry)} ${mode} ${stats.size} ${await fileDigest(absolute)}\n`);
    } else {
      hash.update(`o ${JSON.stringify(entry)} ${mode}\n`);
    }
  }
}

function fileDigest(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.lstat(file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
