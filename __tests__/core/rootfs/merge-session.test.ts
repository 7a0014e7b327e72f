import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { mergeRootfsLevels } from '../../../src/core/rootfs/merge';
import { RootfsMergeSession } from '../../../src/core/rootfs/merge-session';
import { DEFAULT_CALL_POLICY, OutputCalls } from '../../../src/core/rootfs/output-calls';
import { makeTree, readTree, TempDirs, TreeSpec } from './rootfs-fixture';

const temp = new TempDirs();
afterAll(() => temp.cleanup());

const EPOCH = 1_700_000_000;

/** Image, version and variant levels like a definition with one variant. */
async function levels(root: string): Promise<{ image: string; version: string; variant: string }> {
  return {
    image: await makeTree(path.join(root, 'images/app/rootfs'), {
      'etc/app/defaults.conf': 'image=1\n',
      'etc/localtime': { symlink: '/usr/share/zoneinfo/UTC' },
      'etc/app/world-writable': { content: 'ww', mode: 0o666 },
      'var/cache/empty/': '',
    }),
    version: await makeTree(path.join(root, 'images/app/1/rootfs'), {
      'etc/app/version.conf': 'level=version\n',
      'usr/local/bin/entry': { content: '#!/bin/sh\n', mode: 0o755 },
      'etc/app/defaults.conf': 'version wins\n',
    }),
    variant: await makeTree(path.join(root, 'images/app/1/slim/rootfs'), { 'etc/app/slim.conf': 'slim\n' }),
  };
}

async function inode(file: string): Promise<number> {
  return (await fs.lstat(file)).ino;
}

describe('RootfsMergeSession', () => {
  it('writes every tag exactly as merging it on its own does', async () => {
    const root = await temp.make();
    const { image, version, variant } = await levels(root);
    const tags = [[image, version], [image, version, variant], [image, version], [version], [image, variant]];
    const session = new RootfsMergeSession({ displayRoot: root, sourceDateEpoch: EPOCH });
    for (const [index, tagLevels] of tags.entries()) {
      const inSession = await session.merge(tagLevels, path.join(root, `session/${index}/rootfs`));
      const alone = await mergeRootfsLevels(tagLevels, path.join(root, `alone/${index}/rootfs`), {
        displayRoot: root,
        sourceDateEpoch: EPOCH,
      });
      expect(inSession).toEqual(alone);
      expect(await readTree(path.join(root, `session/${index}/rootfs`))).toEqual(
        await readTree(path.join(root, `alone/${index}/rootfs`)),
      );
    }
  });

  it('copies each source file once and hard-links every other placement of it', async () => {
    const root = await temp.make();
    const { image, version, variant } = await levels(root);
    const session = new RootfsMergeSession({ sourceDateEpoch: EPOCH });
    const dests = ['1.0', '1.1', '1.0-slim'].map((tag) => path.join(root, 'dist', tag, 'rootfs'));
    await session.merge([image, version], dests[0]);
    await session.merge([image, version], dests[1]);
    await session.merge([image, version, variant], dests[2]);

    const shared = 'etc/app/version.conf';
    const inodes = await Promise.all(dests.map((dest) => inode(path.join(dest, shared))));
    expect(new Set(inodes).size).toBe(1);
    expect((await fs.lstat(path.join(dests[0], shared))).nlink).toBe(3);
    // Different sources never share a file, and the source itself is never linked into the output.
    expect(await inode(path.join(dests[0], 'usr/local/bin/entry'))).not.toBe(inodes[0]);
    expect(await inode(path.join(version, shared))).not.toBe(inodes[0]);
    // Symlinks are created in every tree, not shared.
    const links = await Promise.all(dests.map((dest) => inode(path.join(dest, 'etc/localtime'))));
    expect(new Set(links).size).toBe(3);
    // The normalised mode and the fixed mtime hold in every placement.
    for (const dest of dests) {
      const stats = await fs.lstat(path.join(dest, 'etc/app/world-writable'));
      expect([stats.mode & 0o7777, stats.mtimeMs]).toEqual([0o644, EPOCH * 1000]);
    }
  });

  it('gives the same trees when many tags are merged at once', async () => {
    const root = await temp.make();
    const { image, version, variant } = await levels(root);
    const session = new RootfsMergeSession({ sourceDateEpoch: EPOCH });
    const tags = Array.from({ length: 24 }, (_, index) => ({
      levels: index % 3 === 0 ? [image, version, variant] : [image, version],
      dest: path.join(root, 'dist', `t${index}`, 'rootfs'),
    }));
    await Promise.all(tags.map((tag) => session.merge(tag.levels, tag.dest)));
    const expected = await readTree(tags[1].dest);
    const expectedVariant = await readTree(tags[0].dest);
    for (const [index, tag] of tags.entries()) {
      expect(await readTree(tag.dest)).toEqual(index % 3 === 0 ? expectedVariant : expected);
    }
    expect(expectedVariant.map((entry) => entry.path)).toContain('etc/app/slim.conf');
    expect((await fs.lstat(path.join(tags[0].dest, 'etc/app/defaults.conf'))).nlink).toBe(24);
  });

  it('writes the same trees with synchronous and with threaded calls', async () => {
    const root = await temp.make();
    const { image, version, variant } = await levels(root);
    const tags = [
      [image, version],
      [image, version, variant],
      [image, version],
    ];
    const write = async (mode: 'synchronous' | 'threaded') => {
      const session = new RootfsMergeSession(
        { sourceDateEpoch: EPOCH },
        new OutputCalls({ ...DEFAULT_CALL_POLICY, mode }),
      );
      await Promise.all(tags.map((tagLevels, index) => session.merge(tagLevels, path.join(root, mode, `${index}`))));
      return Promise.all(tags.map((_, index) => readTree(path.join(root, mode, `${index}`))));
    };
    const synchronous = await write('synchronous');
    expect(await write('threaded')).toEqual(synchronous);
    expect(synchronous[1].map((entry) => entry.path)).toContain('etc/app/slim.conf');
    expect(await inode(path.join(root, 'threaded/0/etc/app/version.conf'))).toBe(
      await inode(path.join(root, 'threaded/2/etc/app/version.conf')),
    );
  });

  it('reads each level once: a change after the first merge shows up only in a new session', async () => {
    const root = await temp.make();
    const { image, version } = await levels(root);
    const session = new RootfsMergeSession();
    await session.merge([image, version], path.join(root, 'a'));
    await fs.writeFile(path.join(version, 'etc/app/added-later'), 'late');
    await fs.writeFile(path.join(version, 'etc/app/version.conf'), 'changed');

    const again = await session.merge([image, version], path.join(root, 'b'));
    expect(again.files).not.toContain('etc/app/added-later');
    expect(await fs.readFile(path.join(root, 'b/etc/app/version.conf'), 'utf8')).toBe('level=version\n');

    const fresh = await new RootfsMergeSession().merge([image, version], path.join(root, 'c'));
    expect(fresh.files).toContain('etc/app/added-later');
    expect(await fs.readFile(path.join(root, 'c/etc/app/version.conf'), 'utf8')).toBe('changed');
  });

  it('plans without writing, with the result a merge gives', async () => {
    const root = await temp.make();
    const { image, version } = await levels(root);
    const session = new RootfsMergeSession({ displayRoot: root });
    const planned = await session.plan([image, version]);
    expect(await fs.readdir(root)).toEqual(['images']);
    expect(planned).toEqual(await session.merge([image, version], path.join(root, 'dest')));
    expect(planned.files).toEqual([
      'etc/app/defaults.conf',
      'etc/app/version.conf',
      'etc/app/world-writable',
      'etc/localtime',
      'usr/local/bin/entry',
    ]);
  });

  it('hands every caller its own lists, so one tag cannot change what the next one gets', async () => {
    const root = await temp.make();
    const { image } = await levels(root);
    const session = new RootfsMergeSession();
    const first = await session.plan([image]);
    first.files.push('injected');
    first.warnings.push({ path: 'x', source: 'x', message: 'x' });
    const second = await session.plan([image]);
    expect(second.files).not.toContain('injected');
    expect(second.warnings).toEqual([]);
  });

  it('reports the problems of a shared plan to every tag and writes none of them', async () => {
    const root = await temp.make();
    const image = await makeTree(path.join(root, 'image'), { etc: 'a file' });
    const version = await makeTree(path.join(root, 'version'), { 'etc/passwd': 'x' });
    const session = new RootfsMergeSession({ displayRoot: root });
    for (const dest of ['a', 'b']) {
      const result = await session.merge([image, version], path.join(root, dest));
      expect(result.problems.map((problem) => problem.location)).toEqual([{ file: 'version/etc' }]);
    }
    expect((await fs.readdir(root)).sort()).toEqual(['image', 'version']);
  });

  it('reports a folder that clashes once, not the entries inside it', async () => {
    const root = await temp.make();
    const image = await makeTree(path.join(root, 'image'), { x: 'a file', later: 'fine' });
    const version = await makeTree(path.join(root, 'version'), {
      'x/pipe': { fifo: true },
      'x/deeper/file': 'x',
      'x.conf': 'a sibling that sorts right after x/',
      'y/pipe': { fifo: true },
    });
    const result = await new RootfsMergeSession({ displayRoot: root }).plan([image, version]);
    expect(result.problems.map((problem) => problem.location?.file)).toEqual(['version/x', 'version/y/pipe']);
    expect(result.files).toContain('x.conf');
  });

  it.each([
    ['0077 (private)', 0o077],
    ['0000 (world-writable)', 0o000],
    ['0027', 0o027],
  ])('writes the same modes under umask %s', async (_name, umask) => {
    const root = await temp.make();
    const spec: TreeSpec = {
      'etc/a': { content: 'a', mode: 0o644 },
      'etc/b': { content: 'b', mode: 0o600 },
      'bin/x': { content: 'x', mode: 0o755 },
      'srv/': '',
    };
    const level = await makeTree(path.join(root, 'level'), spec);
    const expected = await mergeRootfsLevels([level], path.join(root, 'expected'));
    expect(expected.problems).toEqual([]);
    const previous = process.umask(umask);
    try {
      const session = new RootfsMergeSession();
      await session.merge([level], path.join(root, 'first/rootfs'));
      await session.merge([level], path.join(root, 'second/rootfs'));
    } finally {
      process.umask(previous);
    }
    const modes = async (dest: string) => (await readTree(dest)).map((entry) => `${entry.path} ${entry.mode}`);
    const wanted = await modes(path.join(root, 'expected'));
    expect(wanted).toEqual(['. 0755', 'bin 0755', 'bin/x 0755', 'etc 0755', 'etc/a 0644', 'etc/b 0644', 'srv 0755']);
    expect(await modes(path.join(root, 'first/rootfs'))).toEqual(wanted);
    expect(await modes(path.join(root, 'second/rootfs'))).toEqual(wanted);
  });

  it('copies instead of linking when a tree is on another file system', async () => {
    const shm = '/dev/shm';
    const tmpDevice = (await fs.stat(os.tmpdir())).dev;
    const shmStats = await fs.stat(shm).catch(() => undefined);
    if (!shmStats || shmStats.dev === tmpDevice) {
      throw new Error(`this test needs ${shm} on another file system than ${os.tmpdir()} (a tmpfs, as on Linux)`);
    }
    const root = await temp.make();
    const other = await fs.mkdtemp(path.join(shm, 'rootfs-test-'));
    try {
      const { image, version } = await levels(root);
      const session = new RootfsMergeSession({ sourceDateEpoch: EPOCH });
      await session.merge([image, version], path.join(root, 'here'));
      await session.merge([image, version], path.join(other, 'there'));
      await session.merge([image, version], path.join(other, 'there-too'));
      const expected = await readTree(path.join(root, 'here'));
      expect(await readTree(path.join(other, 'there'))).toEqual(expected);
      expect(await readTree(path.join(other, 'there-too'))).toEqual(expected);
      // After the copy on the other file system, later trees there link to that copy.
      const file = 'etc/app/version.conf';
      expect(await inode(path.join(other, 'there', file))).toBe(await inode(path.join(other, 'there-too', file)));
    } finally {
      await fs.rm(other, { recursive: true, force: true });
    }
  });

  it('rejects an invalid sourceDateEpoch when created', () => {
    expect(() => new RootfsMergeSession({ sourceDateEpoch: -1 })).toThrow(RangeError);
  });
});
