import { publishTag } from '../../../src/core/publish/merge-tag';
import { cleanupSnapshot, type CleanupItem } from '../../../src/core/publish/snapshot-cleanup';
import type { PublishContext } from '../../../src/core/publish/types';
import { OperationError } from '../../../src/core/shared/errors';
import { MemoryLogger } from '../../../src/core/shared/logger';
import { seededBusybox, type SeededBusybox } from '../../support/busybox-image';
import { startFaultProxy, type FaultProxy } from '../../support/fault-proxy';
import {
  digestsOf,
  impatientClient,
  makePublishProject,
  projectCatalog,
  pushPlatformImages,
  startRegistryWithoutDeletes,
  type PublishProject,
  type RegistryWithoutDeletes,
} from './publish-test-kit';

jest.setTimeout(120_000);

let seeded: SeededBusybox;
let proxy: FaultProxy;
beforeAll(async () => {
  seeded = await seededBusybox();
  proxy = await startFaultProxy(seeded.registry);
});
afterAll(() => proxy.close());

async function context(p: PublishProject, snapshotId?: string): Promise<PublishContext> {
  return { catalog: await projectCatalog(p, snapshotId), client: impatientClient(), logger: new MemoryLogger() };
}

/**
 * Release 1.0.0 and snapshot mr-3 of 1.0.0 built from the same images (identical digests: what a promotion
 * leaves behind), plus snapshot mr-3 of 1.1.0 built from other images that no release uses.
 */
async function registryAfterSnapshot(p: PublishProject) {
  await pushPlatformImages(seeded, p, '1.0.0');
  const release = await publishTag(await context(p), { image: 'app', tag: '1.0.0' });
  await pushPlatformImages(seeded, p, '1.0.0-mr-3');
  await publishTag(await context(p, 'mr-3'), { image: 'app', tag: '1.0.0' });
  await pushPlatformImages(seeded, p, '1.1.0-mr-3', { flavour: 'v2s2' });
  const snapshot = await publishTag(await context(p, 'mr-3'), { image: 'app', tag: '1.1.0' });
  return { release, snapshot };
}

const summary = (items: CleanupItem[]) =>
  items.map((i) => [i.action, i.tags, i.keptBecause.map((d) => `${d.tag}:${d.relation}`)]);

const snapshotOnly = ['1.1.0-mr-3', '1-mr-3', '1.1-mr-3', '1.1.0-mr-3-linux-amd64', '1.1.0-mr-3-linux-arm64'];
const releaseTags = ['1.0.0', '1.0', '1.0.0-linux-amd64', '1.0.0-linux-arm64'];
const sharedSnapshot = ['1.0.0-mr-3', '1.0-mr-3', '1.0.0-mr-3-linux-amd64', '1.0.0-mr-3-linux-arm64'];

describe('cleanupSnapshot', () => {
  it('plans in a dry run, then deletes only the digests no other tag needs', async () => {
    const p = makePublishProject(seeded.registry, proxy.address);
    await registryAfterSnapshot(p);
    const before = await digestsOf(p, [...snapshotOnly, ...releaseTags, ...sharedSnapshot]);

    const plan = await cleanupSnapshot(await context(p), { snapshotId: 'mr-3', apply: false });
    const sorted = (rows: ReturnType<typeof summary>) => [...rows].sort((a, b) => (`${a[1]}` < `${b[1]}` ? -1 : 1));
    expect(sorted(summary(plan))).toEqual(
      sorted([
        ['kept', ['1.0-mr-3', '1.0.0-mr-3'], ['1.0:same-digest', '1.0.0:same-digest']],
        ['would-delete', ['1-mr-3', '1.1-mr-3', '1.1.0-mr-3'], []],
        [
          'kept',
          ['1.0.0-mr-3-linux-amd64'],
          ['1.0:index-member', '1.0.0:index-member', '1.0.0-linux-amd64:same-digest'],
        ],
        [
          'kept',
          ['1.0.0-mr-3-linux-arm64'],
          ['1.0:index-member', '1.0.0:index-member', '1.0.0-linux-arm64:same-digest'],
        ],
        ['would-delete', ['1.1.0-mr-3-linux-amd64'], []],
        ['would-delete', ['1.1.0-mr-3-linux-arm64'], []],
      ]),
    );
    // Indexes come first: a platform image never goes while its snapshot index is still there.
    expect(plan.map((i) => i.tags.some((t) => t.includes('-linux-')))).toEqual([false, false, true, true, true, true]);
    expect(await digestsOf(p, Object.keys(before))).toEqual(before);

    const done = await cleanupSnapshot(await context(p), { snapshotId: 'mr-3', apply: true });
    expect(done.map((i) => i.action)).toEqual(plan.map((i) => (i.action === 'would-delete' ? 'deleted' : 'kept')));
    const after = await digestsOf(p, Object.keys(before));
    for (const tag of snapshotOnly) expect(after[tag]).toBeNull();
    for (const tag of [...releaseTags, ...sharedSnapshot]) expect(after[tag]).toBe(before[tag]);

    // A second run finds only what it kept.
    const again = await cleanupSnapshot(await context(p), { snapshotId: 'mr-3', apply: true });
    expect(again.every((i) => i.action === 'kept')).toBe(true);
  });

  it('only touches the selected tags and never a release name the snapshot id happens to spell', async () => {
    const p = makePublishProject(seeded.registry, proxy.address, {
      'images/app/1/image.yml': 'tags:\n  - name: 1.0.0\n  - name: 1.1.0\nvariants:\n  - name: x\n    tag_suffix: -x\n',
    });
    // Release variant tag 1.0.0-x, which is also "1.0.0 under snapshot x".
    await pushPlatformImages(seeded, p, '1.0.0-x', { flavour: 'v2s2' });
    await publishTag(await context(p), { image: 'app', tag: '1.0.0-x' });
    await pushPlatformImages(seeded, p, '1.1.0-x');
    await publishTag(await context(p, 'x'), { image: 'app', tag: '1.1.0' });

    const items = await cleanupSnapshot(await context(p), {
      snapshotId: 'x',
      targets: [{ image: 'app', tag: '1.0.0' }],
      apply: true,
    });
    expect(items).toEqual([]);
    expect(Object.values(await digestsOf(p, ['1.0.0-x', '1.0-x', '1.1.0-x', '1-x']))).not.toContain(null);
  });

  describe('against a registry that refuses deletes', () => {
    let registry: RegistryWithoutDeletes;
    beforeAll(async () => {
      registry = await startRegistryWithoutDeletes();
    });
    afterAll(() => registry.stop());

    it('fails with the reason and what to change', async () => {
      const p = makePublishProject(registry.address);
      await pushPlatformImages(seeded, p, '1.1.0-mr-3');
      await publishTag(await context(p, 'mr-3'), { image: 'app', tag: '1.1.0' });
      const error = await cleanupSnapshot(await context(p), { snapshotId: 'mr-3', apply: true }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(OperationError);
      expect((error as Error).message).toMatch(
        /^cleanup stopped: .*DELETE manifest sha256:\w+ failed: HTTP 405.*storage\.delete\.enabled: true.*; nothing was deleted/,
      );
      expect((await digestsOf(p, ['1.1.0-mr-3']))['1.1.0-mr-3']).toMatch(/^sha256:/);
    });
  });
});
