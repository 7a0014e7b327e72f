import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DirectoryListings, type EntryKind } from '../../../src/core/model/directory-listings';

/** What existsSync + statSync, which the listings replace, say about a path. */
function statKind(target: string): EntryKind {
  if (!existsSync(target)) return 'missing';
  const stats = statSync(target);
  return stats.isFile() ? 'file' : stats.isDirectory() ? 'directory' : 'other';
}

describe('DirectoryListings', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'im-listings-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(path.join(root, 'images/app/1/rootfs'), { recursive: true });
  mkdirSync(path.join(root, 'images/app/1/Dockerfile.slim'));
  mkdirSync(path.join(root, 'shared'));
  writeFileSync(path.join(root, 'images/app/1/Dockerfile.mustache'), 'FROM a\n');
  writeFileSync(path.join(root, 'shared/test.yml'), 'x\n');
  symlinkSync('../../../shared/test.yml', path.join(root, 'images/app/1/test.yml'));
  symlinkSync('../../shared', path.join(root, 'images/app/templates'));
  symlinkSync('missing.mustache', path.join(root, 'images/app/1/Dockerfile.dev.mustache'));
  symlinkSync('.', path.join(root, 'images/app/1/loop'));
  symlinkSync('loop2', path.join(root, 'images/app/1/loop1'));
  symlinkSync('loop1', path.join(root, 'images/app/1/loop2'));

  it.each<[string, string, EntryKind]>([
    ['a file', 'images/app/1/Dockerfile.mustache', 'file'],
    ['a folder', 'images/app/1/rootfs', 'directory'],
    ['a folder with a template name', 'images/app/1/Dockerfile.slim', 'directory'],
    ['an absent name', 'images/app/1/Dockerfile', 'missing'],
    ['a name in an absent folder', 'images/app/1/slim/Dockerfile.mustache', 'missing'],
    ['a name below a file', 'images/app/1/Dockerfile.mustache/x', 'missing'],
    ['a symlink to a file', 'images/app/1/test.yml', 'file'],
    ['a symlink to a folder', 'images/app/templates', 'directory'],
    ['a file through a symlinked folder', 'images/app/templates/test.yml', 'file'],
    ['a path with ..', 'images/app/1/../1/Dockerfile.mustache', 'file'],
    ['a dangling symlink', 'images/app/1/Dockerfile.dev.mustache', 'missing'],
    ['a symlink to its own folder', 'images/app/1/loop', 'directory'],
    ['a symlink loop', 'images/app/1/loop1', 'missing'],
  ])('sees %s as existsSync + statSync do', (_name, relative, expected) => {
    const target = path.join(root, relative);
    expect(new DirectoryListings().kindOf(target)).toBe(expected);
    expect(statKind(target)).toBe(expected);
  });

  it('reads each folder once: what changes afterwards is not seen', () => {
    const dir = path.join(root, 'later');
    mkdirSync(dir);
    const listings = new DirectoryListings();
    expect(listings.isFile(path.join(dir, 'a'))).toBe(false);
    writeFileSync(path.join(dir, 'a'), 'a');
    expect(listings.isFile(path.join(dir, 'a'))).toBe(false);
    expect(new DirectoryListings().isFile(path.join(dir, 'a'))).toBe(true);
  });
});
