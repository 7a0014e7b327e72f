import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { openDockerArchive } from '../../../src/core/structure-test/archive/docker-archive';
import { ImageFilesystem } from '../../../src/core/structure-test/archive/image-filesystem';
import { OperationError } from '../../../src/core/shared/errors';
import { dockerEnv, sharedDockerd } from '../../support/dockerd';
import { buildTar, type RawEntry } from './support/tar-builder';
import { layeredImage } from './support/test-images';

const run = promisify(execFile);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'im-archive-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A docker-archive made by hand: `layers` in order, optionally gzipped, with an amd64 config. */
function handMadeArchive(name: string, layers: RawEntry[][], compress: (tar: Buffer) => Buffer = (t) => t): string {
  const config = { architecture: 'amd64', os: 'linux', config: { Env: ['A=1'] } };
  const layerNames = layers.map((_, index) => `layer${index}.tar`);
  const file = path.join(dir, name);
  writeFileSync(
    file,
    buildTar([
      {
        name: 'manifest.json',
        data: JSON.stringify([{ Config: 'config.json', RepoTags: ['x:1'], Layers: layerNames }]),
      },
      { name: 'config.json', data: JSON.stringify(config) },
      ...layers.map((entries, index) => ({ name: layerNames[index], data: compress(buildTar(entries)) })),
    ]),
  );
  return file;
}

async function listing(file: string): Promise<string[]> {
  const fs = await ImageFilesystem.load(await openDockerArchive(file));
  return [...fs.walk()].map(([p, node]) => `${p} ${node.kind}${node.linkname ? ` -> ${node.linkname}` : ''}`);
}

describe('docker-archive reading', () => {
  it('reads gzip-compressed layers and applies whiteouts only to lower layers', async () => {
    const file = handMadeArchive(
      'gzip.tar',
      [
        [
          { name: 'etc/', type: '5', mode: 0o755 },
          { name: 'etc/keep', data: 'k' },
          { name: 'etc/drop', data: 'd' },
          { name: 'etc/conf/', type: '5', mode: 0o755 },
          { name: 'etc/conf/lower', data: 'l' },
        ],
        [
          // The layer's own entries are written before its whiteouts: they must survive them.
          { name: 'etc/conf/upper', data: 'u' },
          { name: 'etc/conf/.wh..wh..opq', data: '' },
          { name: 'etc/.wh.drop', data: '' },
          { name: './usr/lib/implicit', data: 'i' },
        ],
      ],
      gzipSync,
    );
    expect(await listing(file)).toEqual([
      '/etc directory',
      '/etc/conf directory',
      '/etc/conf/upper file',
      '/etc/keep file',
      '/usr directory',
      '/usr/lib directory',
      '/usr/lib/implicit file',
    ]);
  });

  it('replaces a lower symlink by a directory a later layer writes through, as overlay does', async () => {
    const file = handMadeArchive('overlay.tar', [
      [
        { name: 'usr/lib/', type: '5' },
        { name: 'lib', type: '2', linkname: 'usr/lib' },
      ],
      [{ name: 'lib/extra.so', data: 'x' }],
    ]);
    expect(await listing(file)).toEqual([
      '/lib directory',
      '/lib/extra.so file',
      '/usr directory',
      '/usr/lib directory',
    ]);
  });

  it.each([
    [
      'an oci-archive',
      [
        { name: 'oci-layout', data: '{}' },
        { name: 'index.json', data: '{}' },
      ],
      /oci-archive/,
    ],
    ['a tar without manifest.json', [{ name: 'something', data: 'x' }], /not a docker-archive/],
    [
      'a manifest naming a missing layer',
      [
        { name: 'manifest.json', data: JSON.stringify([{ Config: 'c.json', Layers: ['gone.tar'] }]) },
        { name: 'c.json', data: '{}' },
      ],
      /"gone.tar", which is not in the archive/,
    ],
  ])('rejects %s with an OperationError that says what is wrong', async (_what, entries, message) => {
    const file = path.join(dir, 'bad.tar');
    writeFileSync(file, buildTar(entries));
    await expect(openDockerArchive(file)).rejects.toThrow(OperationError);
    await expect(openDockerArchive(file)).rejects.toThrow(message);
  });

  it('rejects a missing archive, a zstd layer and a layer escaping the root', async () => {
    await expect(openDockerArchive(path.join(dir, 'nope.tar'))).rejects.toThrow(/does not exist/);
    const zstd = handMadeArchive('zstd.tar', [[]], () => Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0, 0, 0, 0]));
    await expect(listing(zstd)).rejects.toThrow(/zstd/);
    const escape = handMadeArchive('escape.tar', [[{ name: '../../etc/passwd', data: 'x' }]]);
    await expect(listing(escape)).rejects.toThrow(/outside the image root/);
  });

  it('reads what `docker save` writes the same way as buildah’s archive', async () => {
    const image = await layeredImage();
    const env = dockerEnv(await sharedDockerd());
    await run('docker', ['load', '-i', image.archive], { env });
    const archive = await openDockerArchive(image.archive);
    const saved = path.join(dir, 'saved.tar');
    await run('docker', ['save', '-o', saved, archive.imageId], { env });
    const [ours, docker] = await Promise.all([listing(image.archive), listing(saved)]);
    expect(docker).toEqual(ours);
    expect((await openDockerArchive(saved)).imageId).toBe(archive.imageId);
  }, 300000);
});
