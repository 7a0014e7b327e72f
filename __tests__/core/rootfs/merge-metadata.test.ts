import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { mergeRootfsLevels } from '../../../src/core/rootfs/merge';
import { makeTree, readTree, TempDirs, TreeSpec } from './rootfs-fixture';

const temp = new TempDirs();
afterAll(() => temp.cleanup());

async function mergeInto(levels: TreeSpec[], options: { sourceDateEpoch?: number } = {}) {
  const root = await temp.make();
  const dirs = await Promise.all(levels.map((spec, index) => makeTree(path.join(root, `level${index}`), spec)));
  const dest = path.join(root, 'dest');
  const result = await mergeRootfsLevels(dirs, dest, { displayRoot: root, ...options });
  return { root, dirs, dest, result };
}

async function modeOf(file: string): Promise<string> {
  return ((await fs.lstat(file)).mode & 0o7777).toString(8).padStart(4, '0');
}

describe('mergeRootfsLevels: modes', () => {
  it.each([
    ['executable file', 'usr/local/bin/tool', { content: '#!/bin/sh', mode: 0o755 }, '0755'],
    ['plain file', 'etc/app.conf', { content: 'x', mode: 0o644 }, '0644'],
    ['private file', 'etc/app/private.conf', { content: 'x', mode: 0o600 }, '0644'],
    ['world-writable file (umask 000 checkout)', 'etc/ww', { content: 'x', mode: 0o666 }, '0644'],
    ['world-writable executable', 'usr/bin/ww', { content: 'x', mode: 0o777 }, '0755'],
    ['group-executable file', 'opt/run', { content: 'x', mode: 0o750 }, '0755'],
    ['read-only file', 'etc/readonly', { content: 'x', mode: 0o444 }, '0644'],
    ['setuid file', 'usr/bin/su-helper', { content: 'x', mode: 0o4755 }, '0755'],
    ['setgid file', 'usr/bin/mail-helper', { content: 'x', mode: 0o2755 }, '0755'],
    ['private directory', 'root/.ssh', { dir: true, mode: 0o700 } as const, '0755'],
    ['sticky world-writable directory', 'tmp', { dir: true, mode: 0o1777 } as const, '0755'],
  ])('normalises the mode of a %s as git stores it', async (_name, relative, entry, expected) => {
    const { dest, result } = await mergeInto([{ [relative]: entry, 'etc/marker': 'content' }]);
    expect(result.problems).toEqual([]);
    expect(await modeOf(path.join(dest, relative))).toBe(expected);
  });

  it('creates the children of a read-only source directory', async () => {
    const { dest, result } = await mergeInto([{ 'opt/ro/file': 'x', 'opt/ro': { dir: true, mode: 0o555 } }]);
    expect(result.problems).toEqual([]);
    expect(await fs.readFile(path.join(dest, 'opt/ro/file'), 'utf8')).toBe('x');
    expect(await modeOf(path.join(dest, 'opt/ro'))).toBe('0755');
  });

  it('gives directories 0755 whatever each level has', async () => {
    const { dest } = await mergeInto([
      { 'srv/data/a': 'a', 'srv/data': { dir: true, mode: 0o755 } },
      { 'srv/data/b': 'b', 'srv/data': { dir: true, mode: 0o750 } },
    ]);
    expect(await modeOf(path.join(dest, 'srv/data'))).toBe('0755');
  });

  it('gives the rootfs root 0755 (it maps onto the image /) whatever the level directories are', async () => {
    const root = await temp.make();
    const level = await makeTree(path.join(root, 'level'), { 'etc/a': 'a' });
    await fs.chmod(level, 0o700);
    const dest = path.join(root, 'dest');
    await fs.mkdir(dest, { mode: 0o700 });
    await mergeRootfsLevels([level], dest);
    expect(await modeOf(dest)).toBe('0755');
  });
});

describe('mergeRootfsLevels: mtimes are normalised for reproducible layers', () => {
  const spec: TreeSpec = {
    'etc/app.conf': 'conf',
    'etc/link': { symlink: 'app.conf' },
    'etc/dangling': { symlink: '/nowhere' },
    'var/empty/': '',
    'opt/ro/file': 'x',
    'opt/ro': { dir: true, mode: 0o555 },
  };

  it.each([
    ['0 without SOURCE_DATE_EPOCH', undefined, 0],
    ['SOURCE_DATE_EPOCH when given', 1_700_000_000, 1_700_000_000_000],
  ])('sets every mtime (files, directories, symlinks, the root) to %s', async (_name, epoch, expectedMs) => {
    const { dest } = await mergeInto([spec], { sourceDateEpoch: epoch });
    const tree = await readTree(dest);
    expect(tree.map((entry) => entry.path)).toEqual([
      '.',
      'etc',
      'etc/app.conf',
      'etc/dangling',
      'etc/link',
      'opt',
      'opt/ro',
      'opt/ro/file',
      'var',
      'var/empty',
    ]);
    expect(tree.filter((entry) => entry.mtimeMs !== expectedMs)).toEqual([]);
  });

  it.each([-1, 1.5, Number.NaN])('rejects sourceDateEpoch %s', async (epoch) => {
    await expect(mergeInto([spec], { sourceDateEpoch: epoch })).rejects.toThrow(RangeError);
  });
});

describe('mergeRootfsLevels: deterministic output', () => {
  it('produces identical trees (names, types, modes, owners, sizes, mtimes, link targets, contents) twice', async () => {
    const levels: TreeSpec[] = [
      { 'etc/b': 'b', 'etc/a': 'a', 'usr/bin/x': { content: 'x', mode: 0o755 }, 'Z/upper': 'z', 'é/ü': 'u' },
      { 'etc/a': 'a2', 'etc/link': { symlink: '../usr/bin/x' }, 'etc/.hidden': 'h', 'var/lib/': '' },
    ];
    const first = await mergeInto(levels, { sourceDateEpoch: 42 });
    const second = await mergeInto(levels, { sourceDateEpoch: 42 });
    // Source mtimes must not leak into the result.
    await fs.utimes(path.join(second.dirs[0], 'etc/b'), 1_000_000, 1_000_000);
    const third = await mergeRootfsLevels(second.dirs, path.join(second.root, 'again'), { sourceDateEpoch: 42 });

    const firstTree = await readTree(first.dest);
    expect(await readTree(second.dest)).toEqual(firstTree);
    expect(await readTree(path.join(second.root, 'again'))).toEqual(firstTree);
    expect(second.result.files).toEqual(first.result.files);
    expect(third.files).toEqual(first.result.files);
    expect(first.result.files).toEqual(['Z/upper', 'etc/.hidden', 'etc/a', 'etc/b', 'etc/link', 'usr/bin/x', 'é/ü']);
  });
});
