import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { TarFormatError, type TarEntry } from '../../../src/core/structure-test/archive/tar-header';
import { indexTarFile, readMember } from '../../../src/core/structure-test/archive/tar-index';
import { readTarStream } from '../../../src/core/structure-test/archive/tar-stream';
import { buildTar, paxRecords } from './support/tar-builder';
import { requireTool } from '../../support/containers-env';

/** Entries and bodies of a tar, read from chunks of `chunkSize` bytes (small chunks split headers and bodies). */
async function readAll(tar: Buffer, chunkSize = 65536): Promise<Array<TarEntry & { body: string }>> {
  const chunks: Buffer[] = [];
  for (let i = 0; i < tar.length; i += chunkSize) chunks.push(tar.subarray(i, i + chunkSize));
  const out: Array<TarEntry & { body: string }> = [];
  for await (const { entry, read } of readTarStream(Readable.from(chunks))) {
    out.push({ ...entry, body: (await read()).toString() });
  }
  return out;
}

describe('tar archives written by GNU tar', () => {
  let dir: string;
  // 216 bytes: over the 100 of a plain header, within ustar's 155-byte prefix + 100-byte name.
  const longDir = `${'d'.repeat(60)}/${'e'.repeat(60)}`;
  const longName = `${longDir}/${'g'.repeat(90)}.txt`;

  beforeAll(() => {
    requireTool('tar', 'apt-get install tar');
    dir = mkdtempSync(path.join(tmpdir(), 'im-tar-'));
    mkdirSync(path.join(dir, 'src', longDir), { recursive: true });
    writeFileSync(path.join(dir, 'src', longName), 'long\n');
    writeFileSync(path.join(dir, 'src', 'ünïcødé.txt'), 'unicode\n');
    symlinkSync(`../${longName}`, path.join(dir, 'src', 'x'.repeat(120)));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(['pax', 'gnu', 'posix', 'ustar'])(
    'reads long names, link targets, big ids in --format=%s',
    async (format) => {
      const file = path.join(dir, `${format}.tar`);
      // ustar cannot hold a 3000000 uid or a 130-byte link target; the others can.
      const owner = format === 'ustar' ? [] : ['--owner=:3000000', '--group=:4000000'];
      const args = ['-C', path.join(dir, 'src'), `--format=${format}`, '--sort=name', ...owner, '-cf', file, '.'];
      if (format === 'ustar') {
        execFileSync('tar', [...args.slice(0, -1), './' + longName]);
      } else {
        execFileSync('tar', args);
      }
      const entries = await readAll(readFileSync(file), 700);
      const byName = new Map(entries.map((e) => [e.name.replace(/^\.\//, ''), e]));
      expect(byName.get(longName)).toMatchObject({ type: 'file', body: 'long\n', size: 5 });
      if (format !== 'ustar') {
        expect(byName.get(longName)).toMatchObject({ uid: 3000000, gid: 4000000 });
        expect(byName.get('ünïcødé.txt')).toMatchObject({ body: 'unicode\n' });
        expect(byName.get('x'.repeat(120))).toMatchObject({ type: 'symlink', linkname: `../${longName}` });
      }
      const index = await indexTarFile(file);
      const member = index.get(longName);
      expect(member && (await readMember(file, member)).toString()).toBe('long\n');
    },
  );
});

describe('tar headers GNU tar does not write on demand', () => {
  it('applies PAX global headers to every later entry and per-entry PAX records to one', async () => {
    const tar = buildTar([
      { name: 'pax_global_header', type: 'g', data: paxRecords({ uid: '77', gid: '88' }) },
      { name: 'a', data: 'A' },
      { name: 'PaxHeaders/b', type: 'x', data: paxRecords({ path: 'renamed/b', uid: '5' }) },
      { name: 'b', data: 'B' },
      { name: 'c', data: 'C' },
    ]);
    const entries = await readAll(tar, 100);
    expect(entries.map((e) => [e.name, e.uid, e.gid, e.body])).toEqual([
      ['a', 77, 88, 'A'],
      ['renamed/b', 5, 88, 'B'],
      ['c', 77, 88, 'C'],
    ]);
  });

  it('reads GNU base-256 numbers and GNU long-name pseudo entries', async () => {
    const name = `${'n'.repeat(150)}/file`;
    const tar = buildTar([
      { name: '././@LongLink', type: 'L', data: `${name}\0`, magic: 'gnu' },
      { name: name.slice(0, 99), data: 'x', uid: 2 ** 40, gid: 12, base256: true, magic: 'gnu' },
      { name: '././@LongLink', type: 'K', data: `${'t'.repeat(200)}\0`, magic: 'gnu' },
      { name: 'link', type: '2', linkname: 'short', magic: 'gnu' },
    ]);
    const entries = await readAll(tar);
    expect(entries[0]).toMatchObject({ name, uid: 2 ** 40, gid: 12, body: 'x' });
    expect(entries[1]).toMatchObject({ name: 'link', type: 'symlink', linkname: 't'.repeat(200) });
  });

  it('joins the POSIX ustar prefix and name', async () => {
    const entries = await readAll(buildTar([{ name: 'file.txt', prefix: 'some/deep/dir', data: 'p' }]));
    expect(entries[0].name).toBe('some/deep/dir/file.txt');
  });

  it.each([
    ['a corrupt header checksum', buildTar([{ name: 'a', data: 'A', corruptChecksum: true }]), /checksum/],
    [
      'an archive cut inside a body',
      buildTar([{ name: 'a', data: 'A'.repeat(2000) }]).subarray(0, 1500),
      /unexpected end/,
    ],
    ['a malformed PAX record', buildTar([{ name: 'h', type: 'x', data: '99 path=x\n' }, { name: 'a' }]), /PAX/],
  ])('fails loudly on %s', async (_what, tar, message) => {
    await expect(readAll(tar)).rejects.toThrow(TarFormatError);
    await expect(readAll(tar)).rejects.toThrow(message);
  });

  it('skips bodies nobody reads and stops early without reading the rest', async () => {
    const tar = buildTar([
      { name: 'big', data: Buffer.alloc(100000, 1) },
      { name: 'small', data: 'S' },
      { name: 'never', data: 'N' },
    ]);
    const seen: string[] = [];
    for await (const { entry, read } of readTarStream(Readable.from([tar]))) {
      seen.push(entry.name);
      if (entry.name === 'small') {
        expect((await read()).toString()).toBe('S');
        break;
      }
    }
    expect(seen).toEqual(['big', 'small']);
  });
});
