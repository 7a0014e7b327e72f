import { applyTags } from '../../../src/core/registry/apply-tags';
import { RegistryClient } from '../../../src/core/registry/client';
import { mergePlatformImages } from '../../../src/core/registry/merge-platform-images';
import { withDigest, withTag, type RepositoryRef } from '../../../src/core/registry/reference';
import { seededBusybox, type SeededBusybox } from '../../support/busybox-image';
import { startFaultProxy, type FaultProxy } from '../../support/fault-proxy';
import { seedPlatformRepository, skopeoDigest, uniqueRepository } from './registry-test-kit';

jest.setTimeout(120_000);

let seeded: SeededBusybox;
let proxy: FaultProxy;
beforeAll(async () => {
  seeded = await seededBusybox();
  // A fault-free proxy: it only counts what goes over the wire.
  proxy = await startFaultProxy(seeded.registry);
});
afterAll(() => proxy.close());

const platformRepository = (prefix: string): Promise<RepositoryRef> =>
  seedPlatformRepository(seeded, proxy.address, `publish/${prefix}`);

/** The same repository seen directly (not through the proxy), for skopeo. */
const direct = (repo: RepositoryRef, tag: string) => `${seeded.registry}/${repo.repository}:${tag}`;

describe('applyTags', () => {
  it('points six aliases at the same digest with one small PUT each and no blob bytes', async () => {
    const repo = await platformRepository('aliases');
    const client = new RegistryClient();
    const merged = await mergePlatformImages(client, {
      target: withTag(repo, '1.2.3'),
      platforms: [withTag(repo, '1.2.3-linux-amd64'), withTag(repo, '1.2.3-linux-arm64')],
    });
    const aliases = ['1', '1.2', 'latest', 'stable', '1-x', '1.2-x'];
    proxy.clearLog();
    const manifest = { bytes: merged.manifestBytes, mediaType: merged.mediaType };
    const updates = await applyTags(client, { source: withDigest(repo, merged.digest), tags: aliases, manifest });
    // Six HEADs to learn where the tags point, six PUTs, nothing else: the manifest came from the merge.
    expect(proxy.log.map((r) => r.method).sort()).toEqual([...Array(6).fill('HEAD'), ...Array(6).fill('PUT')]);
    expect(updates).toEqual(aliases.map((tag) => ({ tag, previousDigest: null, changed: true })));
    expect(proxy.stats().blobUploadBytes).toBe(0);
    expect(proxy.log.filter((r) => r.method === 'PUT')).toHaveLength(6);
    for (const tag of aliases) expect(await skopeoDigest(direct(repo, tag))).toBe(merged.digest);

    proxy.clearLog();
    const second = await applyTags(client, { source: withDigest(repo, merged.digest), tags: aliases });
    expect(second.every((u) => !u.changed && u.previousDigest === merged.digest)).toBe(true);
    expect(proxy.log.filter((r) => r.method === 'PUT')).toHaveLength(0);
  });

  it('moves an alias from an older release and reports where it pointed', async () => {
    const repo = await platformRepository('move');
    const client = new RegistryClient();
    const amd64 = await client.headManifest(withTag(repo, '1.2.3-linux-amd64'));
    await applyTags(client, { source: withDigest(repo, amd64!.digest), tags: ['1'] });
    const merged = await mergePlatformImages(client, {
      target: withTag(repo, '1.2.3'),
      platforms: [withTag(repo, '1.2.3-linux-amd64'), withTag(repo, '1.2.3-linux-arm64')],
    });
    expect(await applyTags(client, { source: withDigest(repo, merged.digest), tags: ['1', '1'] })).toEqual([
      { tag: '1', previousDigest: amd64!.digest, changed: true },
    ]);
    expect(await skopeoDigest(direct(repo, '1'))).toBe(merged.digest);
  });

  it('refuses bad input before touching the registry', async () => {
    const repo = { registry: proxy.address, repository: 'publish/never' };
    const client = new RegistryClient();
    proxy.clearLog();
    await expect(applyTags(client, { source: withTag(repo, '1'), tags: ['x'] })).rejects.toThrow(
      /needs the source by digest/,
    );
    await expect(
      applyTags(client, { source: withDigest(repo, `sha256:${'1'.repeat(64)}`), tags: ['ok', '-bad', 'a b'] }),
    ).rejects.toThrow(/invalid tags "-bad", "a b"/);
    await expect(
      applyTags(client, {
        source: withDigest(repo, `sha256:${'1'.repeat(64)}`),
        tags: ['ok'],
        manifest: { bytes: Buffer.from('{}'), mediaType: 'application/vnd.oci.image.index.v1+json' },
      }),
    ).rejects.toThrow(/the manifest bytes given do not hash to the source digest/);
    expect(proxy.log).toEqual([]);
  });

  it('refuses a repository that does not hold the manifest, since it copies no blobs', async () => {
    const repo = await platformRepository('other');
    const client = new RegistryClient();
    const digest = (await client.headManifest(withTag(repo, '1.2.3-linux-amd64')))!.digest;
    const other = { registry: proxy.address, repository: uniqueRepository('publish/empty') };
    await expect(
      applyTags(client, { source: withDigest(repo, digest), repository: other, tags: ['1'] }),
    ).rejects.toThrow(
      new RegExp(`${digest} is not in ${other.registry}/${other.repository}: applyTags never copies blobs`),
    );
  });
});
