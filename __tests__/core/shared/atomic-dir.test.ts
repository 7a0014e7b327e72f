import { existsSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { removeTree, replaceDirectoryAtomically } from '../../../src/core/shared/atomic-dir';

const created: string[] = [];
afterAll(async () => {
  for (const dir of created) await fs.rm(dir, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'atomic-dir-test-'));
  created.push(dir);
  return dir;
}

async function write(root: string, files: Record<string, string>): Promise<void> {
  for (const [file, content] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await fs.writeFile(path.join(root, file), content);
  }
}

async function listing(root: string): Promise<string[]> {
  const entries = await fs.readdir(root, { recursive: true });
  return entries.map((entry) => entry.split(path.sep).join('/')).sort();
}

describe('replaceDirectoryAtomically', () => {
  it('replaces the whole tree: nothing of the previous one survives, no temporary folder is left', async () => {
    const parent = await tempDir();
    const target = path.join(parent, 'out');
    await write(target, { 'stale/deep/file': 'old', 'kept-name': 'old' });
    await replaceDirectoryAtomically(target, (temp) => write(temp, { 'kept-name': 'new', 'fresh/file': 'new' }));
    expect(await listing(target)).toEqual(['fresh', 'fresh/file', 'kept-name']);
    expect(await fs.readFile(path.join(target, 'kept-name'), 'utf8')).toBe('new');
    expect(await fs.readdir(parent)).toEqual(['out']);
  });

  it('leaves the previous tree untouched and cleans up when the build fails', async () => {
    const parent = await tempDir();
    const target = path.join(parent, 'out');
    await write(target, { 'a/b': 'old' });
    const failing = async (temp: string) => {
      await write(temp, { 'half/written': 'x' });
      throw new Error('render failed');
    };
    await expect(replaceDirectoryAtomically(target, failing)).rejects.toThrow('render failed');
    expect(await listing(target)).toEqual(['a', 'a/b']);
    expect(await fs.readdir(parent)).toEqual(['out']);
  });

  it('creates the target (and its parents) when there is none yet', async () => {
    const parent = await tempDir();
    const target = path.join(parent, 'nested/out');
    await replaceDirectoryAtomically(target, (temp) => write(temp, { file: 'x' }));
    expect(await listing(target)).toEqual(['file']);
  });
});

describe('removeTree', () => {
  it('removes a wide and deep tree with files, empty folders and symlinks', async () => {
    const root = path.join(await tempDir(), 'tree');
    const files: Record<string, string> = {};
    for (let i = 0; i < 40; i++) for (let j = 0; j < 5; j++) files[`img${i}/tag${j}/rootfs/etc/app/f${j}`] = 'x';
    await write(root, files);
    await fs.mkdir(path.join(root, 'img0/empty/deeper'), { recursive: true });
    await fs.symlink('../img1', path.join(root, 'img0/link-to-dir'));
    await fs.symlink('/nowhere', path.join(root, 'dangling'));
    await removeTree(root);
    expect(existsSync(root)).toBe(false);
  });

  it('removes symlinks without following them', async () => {
    const base = await tempDir();
    const outside = path.join(base, 'outside');
    await write(outside, { 'precious/file': 'keep', other: 'keep' });
    const root = path.join(base, 'tree');
    await write(root, { 'a/file': 'x' });
    await fs.symlink(outside, path.join(root, 'a/to-outside'));
    await fs.symlink(path.join(outside, 'other'), path.join(root, 'to-file'));
    await removeTree(root);
    expect(existsSync(root)).toBe(false);
    expect(await listing(outside)).toEqual(['other', 'precious', 'precious/file']);
  });

  it('removes only the link when the tree itself is a symlink to a folder', async () => {
    const base = await tempDir();
    await write(path.join(base, 'real'), { file: 'keep' });
    await fs.symlink(path.join(base, 'real'), path.join(base, 'link'));
    await removeTree(path.join(base, 'link'));
    expect(existsSync(path.join(base, 'link'))).toBe(false);
    expect(await listing(path.join(base, 'real'))).toEqual(['file']);
  });

  it('does nothing for a path that does not exist', async () => {
    await expect(removeTree(path.join(await tempDir(), 'missing'))).resolves.toBeUndefined();
  });

  it('removes hard links without touching the other names of the file', async () => {
    const base = await tempDir();
    await write(base, { keep: 'shared content' });
    await fs.mkdir(path.join(base, 'tree'));
    await fs.link(path.join(base, 'keep'), path.join(base, 'tree/linked'));
    await removeTree(path.join(base, 'tree'));
    expect(await fs.readFile(path.join(base, 'keep'), 'utf8')).toBe('shared content');
  });
});
