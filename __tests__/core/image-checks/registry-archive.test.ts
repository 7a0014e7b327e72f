/**
 * A platform image pulled from a real registry into a docker-archive that our reader, skopeo (containers/image,
 * what podman and buildah load with) and the structure tests accept, byte-identical on every pull; the wrong
 * platform or an index is refused before a layer is downloaded.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { pullDockerArchive } from '../../../src/core/image-checks/registry-archive';
import { parseReference, RegistryClient, RegistryError } from '../../../src/core/registry';
import { OperationError } from '../../../src/core/shared/errors';
import { openDockerArchive } from '../../../src/core/structure-test/archive/docker-archive';
import { parseStructureTestConfig } from '../../../src/core/structure-test/config/parse-config';
import { runStructureTests } from '../../../src/core/structure-test/run-structure-tests';
import { seededBusybox, type SeededBusybox } from '../../support/busybox-image';
import { containersEnv, requireTool } from '../../support/containers-env';

const run = promisify(execFile);

let seeded: SeededBusybox;
let dir: string;
const client = new RegistryClient();

beforeAll(async () => {
  seeded = await seededBusybox();
  dir = mkdtempSync(path.join(tmpdir(), 'im-registry-archive-'));
}, 300000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('pullDockerArchive', () => {
  it.each(['amd64', 'arm64'] as const)(
    'writes the %s image as a docker-archive every reader accepts',
    async (arch) => {
      const source = parseReference(seeded.byArch[arch]);
      const manifest = await client.getManifest(source);
      if (manifest.parsed.kind !== 'image') throw new Error('the seeded per-arch image should be an image manifest');
      const file = path.join(dir, `${arch}.tar`);
      const pulled = await pullDockerArchive(client, {
        source,
        platform: `linux/${arch}`,
        file,
        repoTag: seeded.byArch[arch],
      });
      expect(pulled).toEqual({ file, digest: manifest.digest, platform: `linux/${arch}` });

      const archive = await openDockerArchive(file);
      expect(archive).toMatchObject({
        platform: `linux/${arch}`,
        imageId: manifest.parsed.manifest.config.digest,
        repoTags: [seeded.byArch[arch]],
        layerCount: manifest.parsed.manifest.layers.length,
      });

      // The structure tests read files from it (layers as the registry serves them, gzip).
      const config = parseStructureTestConfig(
        'schemaVersion: 2.0.0\nfileExistenceTests:\n  - {name: busybox, path: /bin/busybox, isExecutableBy: any}\n',
        'test.yml',
      );
      const outcome = await runStructureTests({
        image: 'busybox',
        tag: arch,
        platform: `linux/${arch}`,
        archive: file,
        config,
      });
      expect(outcome.report.tests.map((t) => [t.name, t.status])).toEqual([['busybox', 'passed']]);

      // containers/image (skopeo, podman, buildah) reads it too, with the same layers.
      requireTool('skopeo', 'apt-get install skopeo');
      const { stdout } = await run('skopeo', ['inspect', `docker-archive:${file}`], { env: containersEnv() });
      const inspected = JSON.parse(stdout) as { Architecture: string; Layers: string[] };
      expect(inspected.Architecture).toBe(arch);
      expect(inspected.Layers).toHaveLength(manifest.parsed.manifest.layers.length);

      const again = path.join(dir, `${arch}-again.tar`);
      await pullDockerArchive(client, { source, platform: `linux/${arch}`, file: again, repoTag: seeded.byArch[arch] });
      expect(sha256(again)).toBe(sha256(file));
    },
    120000,
  );

  it('refuses an image of another platform than expected from its config alone, writing nothing', async () => {
    const file = path.join(dir, 'wrong.tar');
    const blobs: string[] = [];
    const counting = new RegistryClient({
      fetch: (input, init) => {
        const url = String(input instanceof Request ? input.url : input);
        if (url.includes('/blobs/')) blobs.push(url.slice(url.lastIndexOf('/') + 1));
        return fetch(input, init);
      },
    });
    const source = parseReference(seeded.byArch.arm64);
    const attempt = pullDockerArchive(counting, { source, platform: 'linux/amd64', file });
    await expect(attempt).rejects.toThrow(OperationError);
    await expect(attempt).rejects.toThrow(
      `${seeded.byArch.arm64} should be a linux/amd64 image but its config says linux/arm64; rebuild it with --platform linux/amd64`,
    );
    expect(existsSync(file)).toBe(false);
    const manifest = await client.getManifest(source);
    if (manifest.parsed.kind !== 'image') throw new Error('expected an image manifest');
    // Only the config was downloaded, no layer.
    expect(new Set(blobs)).toEqual(new Set([manifest.parsed.manifest.config.digest]));
  });

  it('refuses a multi-platform index: a platform tag must hold one image', async () => {
    const attempt = pullDockerArchive(client, {
      source: parseReference(seeded.multi),
      platform: 'linux/amd64',
      file: path.join(dir, 'index.tar'),
    });
    await expect(attempt).rejects.toThrow(
      /is a multi-platform index, not the single linux\/amd64 image expected there/,
    );
  });

  it('a tag that does not exist is a registry error naming it', async () => {
    const attempt = pullDockerArchive(client, {
      source: parseReference(`${seeded.registry}/test/busybox:no-such-tag`),
      platform: 'linux/amd64',
      file: path.join(dir, 'missing.tar'),
    });
    await expect(attempt).rejects.toThrow(RegistryError);
    await expect(attempt).rejects.toThrow(/no-such-tag/);
  });
});
