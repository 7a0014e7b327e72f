import { applyTags } from '../../../src/core/registry/apply-tags';
import { RegistryClient } from '../../../src/core/registry/client';
import { mergePlatformImages } from '../../../src/core/registry/merge-platform-images';
import { withDigest, withTag, type RepositoryRef } from '../../../src/core/registry/reference';
import { deleteTag, tagsSharingDigest } from '../../../src/core/registry/tag-cleanup';
import { seededBusybox, type SeededBusybox } from '../../support/busybox-image';
import { startFaultProxy, type FaultProxy } from '../../support/fault-proxy';
import { seedPlatformRepository, skopeoCopy, skopeoDigest, skopeoRaw } from './registry-test-kit';

jest.setTimeout(120_000);

let seeded: SeededBusybox;
let proxy: FaultProxy;
beforeAll(async () => {
  seeded = await seededBusybox();
  proxy = await startFaultProxy(seeded.registry);
});
afterAll(() => proxy.close());

const direct = (repo: RepositoryRef, tag: string) => `${seeded.registry}/${repo.repository}:${tag}`;

async function releasedIndex(prefix: string) {
  const repo = await seedPlatformRepository(seeded, proxy.address, prefix);
  const client = new RegistryClient();
  const merged = await mergePlatformImages(client, {
    target: withTag(repo, '1.2.3'),
    platforms: [withTag(repo, '1.2.3-linux-amd64'), withTag(repo, '1.2.3-linux-arm64')],
  });
  return { repo, client, merged };
}

describe('tag cleanup', () => {
  it('deletes a temporary tag, but never one a release tag or release index still needs', async () => {
    const { repo, client, merged } = await releasedIndex('cleanup/app');
    await applyTags(client, { source: withDigest(repo, merged.digest), tags: ['1', 'snapshot-7'] });
    expect(
      await tagsSharingDigest(client, repo, merged.digest, ['1', '1.2.3', 'snapshot-7', 'nope'], 'snapshot-7'),
    ).toEqual(['1', '1.2.3']);

    const kept = await deleteTag(client, repo, 'snapshot-7', ['1.2.3', '1']);
    expect(kept).toEqual({
      tag: 'snapshot-7',
      digest: merged.digest,
      deleted: false,
      keptBecause: [
        { tag: '1', relation: 'same-digest' },
        { tag: '1.2.3', relation: 'same-digest' },
      ],
    });
    // Deleting the per-platform manifest would break the release index that lists it.
    const platform = await deleteTag(client, repo, '1.2.3-linux-amd64', 'all');
    expect(platform.deleted).toBe(false);
    expect(platform.keptBecause).toEqual(
      expect.arrayContaining([
        { tag: '1.2.3', relation: 'index-member' },
        { tag: '1', relation: 'index-member' },
      ]),
    );
    expect(await skopeoDigest(direct(repo, '1.2.3-linux-amd64'))).not.toBeNull();

    const lone = await client.headManifest(withTag(repo, '1.2.3-linux-arm64'));
    await skopeoCopy(`${seeded.registry}/test/busybox:amd64`, direct(repo, 'scratch'), { all: false, format: 'v2s2' });
    const scratch = await deleteTag(client, repo, 'scratch', 'all');
    expect(scratch).toEqual(expect.objectContaining({ deleted: true, keptBecause: [] }));
    expect(await skopeoRaw(direct(repo, 'scratch'))).toBeNull();
    expect(await skopeoDigest(direct(repo, '1.2.3'))).toBe(merged.digest);
    expect(await skopeoDigest(direct(repo, '1.2.3-linux-arm64'))).toBe(lone!.digest);
    expect(await deleteTag(client, repo, 'scratch', [])).toEqual({
      tag: 'scratch',
      digest: null,
      deleted: false,
      keptBecause: [],
    });
  });
});
