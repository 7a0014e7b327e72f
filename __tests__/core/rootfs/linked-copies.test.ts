import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { LinkedCopies } from '../../../src/core/rootfs/linked-copies';
import { DEFAULT_CALL_POLICY, OutputCalls, type CallMode } from '../../../src/core/rootfs/output-calls';
import { TempDirs } from './rootfs-fixture';

const temp = new TempDirs();
afterAll(() => temp.cleanup());

describe.each<CallMode>(['synchronous', 'threaded'])('LinkedCopies with %s calls', (mode) => {
  const calls = () => new OutputCalls({ ...DEFAULT_CALL_POLICY, mode });

  it('creates a file once per key, even when placements run at the same time, and links the rest', async () => {
    const root = await temp.make();
    const copies = new LinkedCopies<string>(calls());
    const created: string[] = [];
    const create = (content: string) => async (target: string) => {
      created.push(target);
      await fs.writeFile(target, content, { flag: 'wx' });
    };
    const targets = Array.from({ length: 12 }, (_, index) => path.join(root, `f${index}`));
    await Promise.all(
      targets.map((target, index) => copies.place(index % 2 ? 'b' : 'a', target, create(`${index % 2}`))),
    );
    expect(created.sort()).toEqual([targets[0], targets[1]].sort());
    for (const [index, target] of targets.entries()) {
      expect(await fs.readFile(target, 'utf8')).toBe(`${index % 2}`);
      expect((await fs.lstat(target)).ino).toBe((await fs.lstat(targets[index % 2])).ino);
    }
  });

  it('fails every placement waiting on a creation that failed, without an unhandled rejection', async () => {
    const root = await temp.make();
    const copies = new LinkedCopies<string>(calls());
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const failing = async () => {
        throw new Error('disk full');
      };
      const results = await Promise.allSettled(
        ['a', 'b', 'c'].map((name) => copies.place('key', path.join(root, name), failing)),
      );
      expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected', 'rejected']);
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('never replaces an existing target: a link onto it fails like an exclusive create', async () => {
    const root = await temp.make();
    const copies = new LinkedCopies<string>(calls());
    const write = async (target: string) => fs.writeFile(target, 'new', { flag: 'wx' });
    await copies.place('key', path.join(root, 'first'), write);
    await fs.writeFile(path.join(root, 'taken'), 'mine');
    await expect(copies.place('key', path.join(root, 'taken'), write)).rejects.toMatchObject({ code: 'EEXIST' });
    expect(await fs.readFile(path.join(root, 'taken'), 'utf8')).toBe('mine');
  });

  it('never writes through a symlink at the target', async () => {
    const root = await temp.make();
    const outside = await temp.make('linked-copies-outside-');
    const copies = new LinkedCopies<string>(calls());
    const write = async (target: string) => fs.writeFile(target, 'data', { flag: 'wx' });
    await copies.place('key', path.join(root, 'first'), write);
    await fs.symlink(path.join(outside, 'victim'), path.join(root, 'link'));
    await expect(copies.place('key', path.join(root, 'link'), write)).rejects.toMatchObject({ code: 'EEXIST' });
    expect(await fs.readdir(outside)).toEqual([]);
  });
});
