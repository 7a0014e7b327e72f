import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { RegistryClient } from '../../../src/core/registry/client';
import { mergePlatformImages } from '../../../src/core/registry/merge-platform-images';
import { exportOciLayout } from '../../../src/core/registry/oci-layout-export';
import { withTag } from '../../../src/core/registry/reference';
import { seededBusybox, type SeededBusybox } from '../../support/busybox-image';
import { containersEnv } from '../../support/containers-env';
import { startFaultProxy, type FaultProxy } from '../../support/fault-proxy';
import { seedPlatformRepository } from './registry-test-kit';

jest.setTimeout(120_000);

let seeded: SeededBusybox;
let proxy: FaultProxy;
beforeAll(async () => {
  seeded = await seededBusybox();
  proxy = await startFaultProxy(seeded.registry);
});
afterAll(() => proxy.close());

async function releasedIndex(prefix: string) {
  const repo = await seedPlatformRepository(seeded, proxy.address, prefix);
  const client = new RegistryClient();
  const merged = await mergePlatformImages(client, {
    target: withTag(repo, '1.2.3'),
    platforms: [withTag(repo, '1.2.3-linux-amd64'), withTag(repo, '1.2.3-linux-arm64')],
  });
  return { repo, client, merged };
}

describe('exportOciLayout', () => {
  it('writes a deterministic OCI layout tar of an index and all its platforms that skopeo reads', async () => {
    const { repo, client, merged } = await releasedIndex('export/app');
    const dir = mkdtempSync(path.join(tmpdir(), 'im-export-'));
    try {
      const file = path.join(dir, 'image.tar');
      const result = await exportOciLayout(client, withTag(repo, '1.2.3'), file);
      expect(result).toEqual(expect.objectContaining({ digest: merged.digest, blobCount: 7 }));
      const raw = execFileSync('skopeo', ['inspect', '--raw', `oci-archive:${file}`], { env: containersEnv() });
      expect(raw.equals(Buffer.from(merged.manifestBytes))).toBe(true);
      for (const arch of ['amd64', 'arm64']) {
        const inspected = JSON.parse(
          execFileSync('skopeo', ['inspect', '--override-arch', arch, `oci-archive:${file}`], {
            env: containersEnv(),
            encoding: 'utf8',
          }),
        ) as { Architecture: string };
        expect(inspected.Architecture).toBe(arch);
      }
      // skopeo can copy it back out, verifying every blob digest on the way.
      execFileSync('skopeo', ['copy', '-q', '--all', `oci-archive:${file}`, `dir:${path.join(dir, 'copy')}`], {
        env: containersEnv(),
      });
      const listing = execFileSync('tar', ['--numeric-owner', '-tvf', file], { encoding: 'utf8' });
      expect(listing).not.toMatch(/ [1-9]\d*\/\d+ |\/[1-9]\d* /);
      expect(listing.split('\n')[0]).toMatch(/^d.* blobs\/$/);
      const second = path.join(dir, 'again.tar');
      await exportOciLayout(new RegistryClient(), withTag(repo, '1.2.3'), second);
      expect(readFileSync(second).equals(readFileSync(file))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
