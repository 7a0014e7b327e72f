/**
 * Ground truth for the archive reader: the root file system of a real container of the image, as containers
 * storage unpacked it (`buildah from` + `buildah mount`), listed with lstat; and symlink resolution as the kernel
 * does it inside the container (`stat -L` run with `buildah run`).
 */
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { containersEnv } from '../../../support/containers-env';

const run = promisify(execFile);

export interface ListedEntry {
  kind: string;
  mode: number;
  uid: number;
  gid: number;
  size?: number;
  link?: string;
}

async function withContainer<T>(image: string, use: (container: string) => Promise<T>): Promise<T> {
  const env = containersEnv();
  const { stdout } = await run('buildah', ['from', '--pull-never', '-q', image], { env });
  const container = stdout.trim();
  try {
    return await use(container);
  } finally {
    await run('buildah', ['rm', container], { env });
  }
}

/** Every path under the container's root (not the root itself), keyed `/a/b`. */
export function listContainerRootfs(image: string): Promise<Map<string, ListedEntry>> {
  return withContainer(image, async (container) => {
    const env = containersEnv();
    const { stdout } = await run('buildah', ['mount', container], { env });
    const root = stdout.trim();
    try {
      const listing = new Map<string, ListedEntry>();
      await walk(root, '', listing);
      return listing;
    } finally {
      await run('buildah', ['umount', container], { env });
    }
  });
}

async function walk(root: string, relative: string, listing: Map<string, ListedEntry>): Promise<void> {
  for (const name of await fs.readdir(path.join(root, relative))) {
    const child = `${relative}/${name}`;
    const stat = await fs.lstat(path.join(root, child));
    const kind = stat.isDirectory()
      ? 'directory'
      : stat.isSymbolicLink()
        ? 'symlink'
        : stat.isFIFO()
          ? 'fifo'
          : stat.isCharacterDevice()
            ? 'char'
            : stat.isBlockDevice()
              ? 'block'
              : 'file';
    const entry: ListedEntry = { kind, mode: stat.mode & 0o7777, uid: stat.uid, gid: stat.gid };
    if (kind === 'file') entry.size = stat.size;
    if (kind === 'symlink') entry.link = await fs.readlink(path.join(root, child));
    listing.set(child, entry);
    if (kind === 'directory') await walk(root, child, listing);
  }
}

/** `stat -L` of each path inside a running container: `%F|%a|%u|%g|%s`, or `missing`. */
export function statInContainer(image: string, paths: string[]): Promise<Map<string, string>> {
  return withContainer(image, async (container) => {
    const script = paths
      .map(
        (p) =>
          `if x=$(stat -L -c '%F|%a|%u|%g|%s' '${p}' 2>/dev/null); then echo "${p}=$x"; else echo "${p}=missing"; fi`,
      )
      .join('; ');
    const { stdout } = await run(
      'buildah',
      ['run', '--isolation', 'chroot', '--user', '0:0', container, '--', 'sh', '-c', script],
      {
        env: containersEnv(),
      },
    );
    return new Map(
      stdout
        .trim()
        .split('\n')
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
  });
}
