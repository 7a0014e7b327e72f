import { promises as fs } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { hasRootfsContent, mergeRootfsLevels } from '../../../src/core/rootfs/merge';
import { exists, makeTree, readTree, TempDirs, TreeSpec } from './rootfs-fixture';

const temp = new TempDirs();
afterAll(() => temp.cleanup());

const LEVEL_DIRS = ['images/python/rootfs', 'images/python/3/rootfs', 'images/python/3/semantic-release/rootfs'];

/** A project with up to three levels (image, version, variant); `null` leaves a level missing. */
async function project(...levels: Array<TreeSpec | null>): Promise<{ root: string; levels: string[]; dest: string }> {
  const root = await temp.make();
  const dirs: string[] = [];
  for (const [index, spec] of levels.entries()) {
    const dir = path.join(root, LEVEL_DIRS[index]);
    if (spec) await makeTree(dir, spec);
    dirs.push(dir);
  }
  return { root, levels: dirs, dest: path.join(root, 'dist/python/3.13.7/rootfs') };
}

async function merge(levels: Array<TreeSpec | null>) {
  const p = await project(...levels);
  const result = await mergeRootfsLevels(p.levels, p.dest, { displayRoot: p.root });
  return { ...p, result };
}

async function nothingWritten(dest: string): Promise<boolean> {
  return !(await exists(dest)) || (await fs.readdir(dest)).length === 0;
}

describe('mergeRootfsLevels: later wins', () => {
  it('merges image, version and variant levels like the README example', async () => {
    const { dest, result } = await merge([
      { 'etc/python-info': 'level=image', 'etc/image-level-only': 'image' },
      { 'etc/python-info': 'level=version', 'etc/version-only': 'version' },
      { 'etc/variant-only': 'variant' },
    ]);
    expect(result.problems).toEqual([]);
    expect(result.hasContent).toBe(true);
    expect(result.files).toEqual(['etc/image-level-only', 'etc/python-info', 'etc/variant-only', 'etc/version-only']);
    expect(await fs.readFile(path.join(dest, 'etc/python-info'), 'utf8')).toBe('level=version');
    expect(await fs.readFile(path.join(dest, 'etc/image-level-only'), 'utf8')).toBe('image');
    expect(await fs.readFile(path.join(dest, 'etc/variant-only'), 'utf8')).toBe('variant');
  });

  it('gives priority by position in the list: reversing the levels reverses the winner', async () => {
    const p = await project({ 'etc/app.conf': 'first' }, { 'etc/app.conf': 'second' });
    await mergeRootfsLevels(p.levels, p.dest);
    expect(await fs.readFile(path.join(p.dest, 'etc/app.conf'), 'utf8')).toBe('second');
    const reversedDest = path.join(p.root, 'reversed');
    await mergeRootfsLevels([...p.levels].reverse(), reversedDest);
    expect(await fs.readFile(path.join(reversedDest, 'etc/app.conf'), 'utf8')).toBe('first');
  });

  it('ignores missing levels', async () => {
    const { dest, result } = await merge([null, { 'etc/a': 'a' }, null]);
    expect(result).toMatchObject({ hasContent: true, files: ['etc/a'], problems: [] });
    expect(await fs.readFile(path.join(dest, 'etc/a'), 'utf8')).toBe('a');
  });

  it.each<[string, TreeEntry, TreeEntry, 'file' | 'symlink', string]>([
    ['file replaces symlink', { symlink: '/etc/os-release' }, 'from variant', 'file', 'from variant'],
    ['symlink replaces file', 'from image', { symlink: '../target' }, 'symlink', '../target'],
    ['symlink replaces symlink', { symlink: '/old' }, { symlink: 'new' }, 'symlink', 'new'],
    ['file replaces file', 'old', 'new', 'file', 'new'],
  ])('%s', async (_name, earlier, later, kind, expected) => {
    const { dest, result } = await merge([{ 'etc/thing': earlier }, null, { 'etc/thing': later }]);
    expect(result.problems).toEqual([]);
    const target = path.join(dest, 'etc/thing');
    const stats = await fs.lstat(target);
    expect(stats.isSymbolicLink()).toBe(kind === 'symlink');
    expect(kind === 'symlink' ? await fs.readlink(target) : await fs.readFile(target, 'utf8')).toBe(expected);
  });
});

type TreeEntry = TreeSpec[string];

describe('mergeRootfsLevels: symlinks are preserved, never followed', () => {
  it.each([
    ['a relative target', 'lib/libfoo.so', 'libfoo.so.1'],
    ['an absolute target', 'etc/localtime', '/usr/share/zoneinfo/UTC'],
    ['a dangling target', 'etc/missing', 'does-not-exist'],
    ['a target climbing out with ..', 'up', '../../..'],
    ['a directory on the build machine as target', 'opt/data', '/usr/share'],
    ['the level itself as target', 'self', '.'],
  ])('a symlink with %s is copied as the same link', async (_name, linkPath, target) => {
    const { dest, result } = await merge([{ [linkPath]: { symlink: target } }]);
    expect(result.problems).toEqual([]);
    expect(result.files).toEqual([linkPath]);
    expect((await fs.lstat(path.join(dest, linkPath))).isSymbolicLink()).toBe(true);
    expect(await fs.readlink(path.join(dest, linkPath))).toBe(target);
    // Nothing behind the link was copied.
    expect((await readTree(dest)).filter((entry) => entry.type !== 'dir').map((entry) => entry.path)).toEqual([
      linkPath,
    ]);
  });
});

describe('mergeRootfsLevels: what counts as content', () => {
  it.each<[string, boolean, Array<TreeSpec | null>]>([
    ['only empty directories', false, [{ 'etc/': '', 'usr/share/empty/': '' }, { 'var/': '' }]],
    ['no level exists', false, [null, null, null]],
    ['empty level directories', false, [{}, {}]],
    ['a hidden file', true, [{ 'etc/': '' }, { 'root/.bashrc': 'x' }]],
    ['a dangling symlink', true, [{ 'etc/link': { symlink: 'nowhere' } }]],
    ['a deep file', true, [{ 'a/b/c/d/e/f': 'x' }]],
  ])('%s → hasContent %s', async (_name, expected, levels) => {
    const { levels: dirs, dest, result } = await merge(levels);
    expect(result.hasContent).toBe(expected);
    expect(await hasRootfsContent(dirs)).toBe(expected);
    if (!expected) {
      expect(result.files).toEqual([]);
      expect(await nothingWritten(dest)).toBe(true);
    }
  });

  it('copies empty directories along when there is content', async () => {
    const { dest, result } = await merge([{ 'var/cache/app/': '', 'etc/a': 'a' }]);
    expect(result.files).toEqual(['etc/a']);
    expect((await fs.stat(path.join(dest, 'var/cache/app'))).isDirectory()).toBe(true);
  });
});

describe('mergeRootfsLevels: type clashes are errors naming both levels', () => {
  it.each<[string, TreeSpec, TreeSpec, string, string]>([
    ['directory over file', { x: 'file' }, { 'x/y': 'y' }, 'is a directory', 'but a regular file'],
    ['file over directory', { 'x/y': 'y' }, { x: 'file' }, 'is a regular file', 'but a directory'],
    ['symlink over directory', { 'x/y': 'y' }, { x: { symlink: 'z' } }, 'is a symlink (-> z)', 'but a directory'],
    ['empty directory under a file', { 'x/': '' }, { x: 'file' }, 'is a regular file', 'but a directory'],
    ['directory over symlink', { x: { symlink: 'z' } }, { 'x/y': 'y' }, 'is a directory', 'but a symlink (-> z)'],
    ['directory over dangling symlink', { x: { symlink: 'gone' } }, { 'x/': '' }, 'is a directory', 'symlink'],
  ])('%s', async (_name, earlier, later, laterKind, earlierKind) => {
    const { dest, result } = await merge([earlier, later]);
    expect(result.problems).toHaveLength(1);
    const [problem] = result.problems;
    expect(problem.message).toContain(`"x" ${laterKind} in images/python/3/rootfs`);
    expect(problem.message).toContain(`${earlierKind}`);
    expect(problem.message).toContain('in images/python/rootfs');
    expect(problem.location).toEqual({ file: 'images/python/3/rootfs/x' });
    expect(problem.hint).toBeTruthy();
    expect(await nothingWritten(dest)).toBe(true);
  });

  it('reports every clash of a merge together', async () => {
    const { result } = await merge([{ a: 'a', 'b/c': 'c' }, { 'a/x': 'x', b: 'b' }, { 'd/': '' }]);
    expect(result.problems.map((problem) => problem.location?.file)).toEqual([
      'images/python/3/rootfs/a',
      'images/python/3/rootfs/b',
    ]);
  });
  it('reports clashes in sorted path order whatever order the file system lists them in', async () => {
    const names = ['m', 'b', 'x', 'a', 'k', 'c', 'z', 'e', 'q', 'd'];
    const earlier = Object.fromEntries(names.map((name) => [name, 'file']));
    const later = Object.fromEntries(names.map((name) => [`${name}/inner`, 'file']));
    const { result } = await merge([earlier, later]);
    expect(result.problems.map((problem) => problem.location?.file)).toEqual(
      [...names].sort().map((name) => `images/python/3/rootfs/${name}`),
    );
  });
});

describe('mergeRootfsLevels: a symlink in an earlier level never lets a later level write outside dest', () => {
  it.each([
    ['absolute link to the outside', (outside: string) => outside],
    // Relative to where the link would sit in dest, so following it there would land in `outside`.
    ['relative link climbing out', (outside: string, dest: string) => path.relative(dest, outside)],
  ])('%s', async (_name, linkTarget) => {
    const outside = await temp.make('rootfs-outside-');
    const p = await project({}, { 'etc/passwd': 'evil' });
    const target = linkTarget(outside, p.dest);
    await fs.symlink(target, path.join(p.levels[0], 'etc'));
    const result = await mergeRootfsLevels(p.levels, p.dest, { displayRoot: p.root });
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0].message).toContain(
      `"etc" is a directory in images/python/3/rootfs but a symlink (-> ${target}) in images/python/rootfs`,
    );
    expect(result.problems[0].message).toContain('write its files through the link');
    expect(await fs.readdir(outside)).toEqual([]);
    expect(await nothingWritten(p.dest)).toBe(true);
  });

  it('keeps the link when the later level replaces it with a file instead (no write through it)', async () => {
    const outside = await temp.make('rootfs-outside-');
    const { dest, result } = await merge([{ etc: { symlink: outside } }, { etc: 'plain file' }]);
    expect(result.problems).toEqual([]);
    expect(await fs.readFile(path.join(dest, 'etc'), 'utf8')).toBe('plain file');
    expect(await fs.readdir(outside)).toEqual([]);
  });
});

describe('mergeRootfsLevels: entries that cannot go into an image', () => {
  it('rejects a FIFO', async () => {
    const { dest, result } = await merge([{ 'run/pipe': { fifo: true }, 'etc/a': 'a' }]);
    expect(result.problems).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('"run/pipe" in images/python/rootfs is a FIFO (named pipe)'),
        location: { file: 'images/python/rootfs/run/pipe' },
      }),
    ]);
    expect(await nothingWritten(dest)).toBe(true);
  });

  it('rejects a socket', async () => {
    const p = await project({ 'etc/a': 'a' });
    const server = net.createServer();
    const socketPath = path.join(p.levels[0], 'app.sock');
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
    try {
      const result = await mergeRootfsLevels(p.levels, p.dest, { displayRoot: p.root });
      expect(result.problems.map((problem) => problem.message)).toEqual([
        expect.stringContaining('"app.sock" in images/python/rootfs is a socket'),
      ]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('rejects a level that is a file, and one that is a dangling symlink', async () => {
    const p = await project();
    await fs.mkdir(path.join(p.root, 'images/python/3'), { recursive: true });
    await fs.writeFile(path.join(p.root, LEVEL_DIRS[0]), 'not a directory');
    await fs.symlink('../nowhere', path.join(p.root, LEVEL_DIRS[1]));
    const result = await mergeRootfsLevels(
      [path.join(p.root, LEVEL_DIRS[0]), path.join(p.root, LEVEL_DIRS[1])],
      p.dest,
      {
        displayRoot: p.root,
      },
    );
    expect(result.problems.map((problem) => [problem.location?.file, problem.message])).toEqual([
      ['images/python/rootfs', 'the rootfs level images/python/rootfs is not a directory'],
      [
        'images/python/3/rootfs',
        'the rootfs level images/python/3/rootfs is a symlink to ../nowhere, which does not exist',
      ],
    ]);
  });

  it('follows a level directory that is itself a symlink (repository layout, not image content)', async () => {
    const p = await project();
    await makeTree(path.join(p.root, 'shared-rootfs'), { 'etc/shared': 'shared' });
    await fs.mkdir(path.dirname(path.join(p.root, LEVEL_DIRS[0])), { recursive: true });
    await fs.symlink('../../shared-rootfs', path.join(p.root, LEVEL_DIRS[0]));
    const result = await mergeRootfsLevels([path.join(p.root, LEVEL_DIRS[0])], p.dest);
    expect(result).toMatchObject({ hasContent: true, files: ['etc/shared'], problems: [] });
  });

  it('shows absolute paths without a displayRoot', async () => {
    const { levels, dest } = await project({ x: 'x' }, { 'x/y': 'y' });
    const result = await mergeRootfsLevels(levels, dest);
    expect(result.problems[0].location).toEqual({ file: path.join(levels[1], 'x') });
  });
});
