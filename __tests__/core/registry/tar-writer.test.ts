import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { tarHeader, writeTar, type TarEntry } from '../../../src/core/registry/tar-writer';
import { requireTool } from '../../support/containers-env';

describe('tarHeader', () => {
  it('writes a ustar header with a valid checksum and zeroed owner and time', () => {
    const header = tarHeader('blobs/sha256/abc', 'file', 1234);
    expect(header.length).toBe(512);
    expect(header.subarray(0, 16).toString()).toBe('blobs/sha256/abc');
    expect(header.subarray(100, 108).toString()).toBe('0000644\0');
    expect(header.subarray(108, 124).toString()).toBe('0000000\x000000000\0');
    expect(header.subarray(124, 136).toString()).toBe('00000002322\0');
    expect(header.subarray(136, 148).toString()).toBe('00000000000\0');
    expect(header.subarray(257, 265).toString()).toBe('ustar\x0000');
    const stored = parseInt(header.subarray(148, 154).toString(), 8);
    const copy = Buffer.from(header);
    copy.fill(0x20, 148, 156);
    expect(stored).toBe(copy.reduce((sum, byte) => sum + byte, 0));
  });

  it('uses base-256 for sizes beyond 8 GiB', () => {
    const header = tarHeader('big', 'file', 2 ** 34);
    expect(header[124]).toBe(0x80);
    expect(header.readUIntBE(130, 6)).toBe(2 ** 34);
  });

  it('refuses names longer than 100 bytes', () => {
    expect(() => tarHeader('x'.repeat(101), 'file', 0)).toThrow('longer than 100 bytes');
  });
});

describe('writeTar', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'im-tar-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const entries = (): TarEntry[] => [
    { name: 'index.json', type: 'file', content: async () => Buffer.from('{"a":1}') },
    { name: 'blobs/', type: 'directory' },
    { name: 'blobs/sha256/', type: 'directory' },
    { name: 'blobs/sha256/0123', type: 'file', content: async () => Buffer.alloc(1000, 7) },
    { name: 'empty', type: 'file', content: async () => Buffer.alloc(0) },
  ];

  it('writes a tar that GNU tar lists and extracts, entries sorted, owners 0 and mtime 0', async () => {
    requireTool('tar', 'apt-get install tar');
    const file = path.join(dir, 'out.tar');
    const size = await writeTar(file, entries());
    expect(readFileSync(file).length).toBe(size);
    expect(size % 512).toBe(0);
    const listing = execFileSync('tar', ['--numeric-owner', '-tvf', file], { encoding: 'utf8' }).trim().split('\n');
    expect(listing.map((l) => l.replace(/\s+/g, ' '))).toEqual([
      'drwxr-xr-x 0/0 0 1970-01-01 00:00 blobs/',
      'drwxr-xr-x 0/0 0 1970-01-01 00:00 blobs/sha256/',
      '-rw-r--r-- 0/0 1000 1970-01-01 00:00 blobs/sha256/0123',
      '-rw-r--r-- 0/0 0 1970-01-01 00:00 empty',
      '-rw-r--r-- 0/0 7 1970-01-01 00:00 index.json',
    ]);
    execFileSync('tar', ['-xf', file, '-C', dir]);
    expect(readFileSync(path.join(dir, 'index.json'), 'utf8')).toBe('{"a":1}');
    expect(readFileSync(path.join(dir, 'blobs/sha256/0123'))).toEqual(Buffer.alloc(1000, 7));
  });

  it('writes identical bytes for identical content, whatever the entry order', async () => {
    await writeTar(path.join(dir, 'a.tar'), entries());
    await writeTar(path.join(dir, 'b.tar'), entries().reverse());
    expect(readFileSync(path.join(dir, 'a.tar')).equals(readFileSync(path.join(dir, 'b.tar')))).toBe(true);
  });

  it('leaves no file behind when producing content fails', async () => {
    const failing: TarEntry = {
      name: 'x',
      type: 'file',
      content: async () => Promise.reject(new Error('download failed')),
    };
    await expect(writeTar(path.join(dir, 'c.tar'), [failing])).rejects.toThrow('download failed');
    expect(execFileSync('ls', ['-A', dir], { encoding: 'utf8' })).toBe('');
  });
});
