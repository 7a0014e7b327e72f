import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { mergeTag, publishTag } from '../../../src/core/publish/merge-tag';
import type { PublishContext } from '../../../src/core/publish/types';
import { OperationError, UsageError } from '../../../src/core/shared/errors';
import { MemoryLogger } from '../../../src/core/shared/logger';
import { seededBusybox, type SeededBusybox } from '../../support/busybox-image';
import { containersEnv } from '../../support/containers-env';
import { startFaultProxy, type FaultProxy } from '../../support/fault-proxy';
import {
  digestsOf,
  directRef,
  impatientClient,
  indexAt,
  makePublishProject,
  projectCatalog,
  pushPlatformImages,
  type PublishProject,
} from './publish-test-kit';

jest.setTimeout(120_000);

let seeded: SeededBusybox;
let proxy: FaultProxy;
beforeAll(async () => {
  seeded = await seededBusybox();
  proxy = await startFaultProxy(seeded.registry);
});
afterAll(() => proxy.close());
afterEach(() => proxy.setRules([]));

/** A project whose config points at the counting proxy. */
const project = () => makePublishProject(seeded.registry, proxy.address);

async function context(p: PublishProject, snapshotId?: string): Promise<PublishContext & { logger: MemoryLogger }> {
  return { catalog: await projectCatalog(p, snapshotId), client: impatientClient(), logger: new MemoryLogger() };
}

const manifestPuts = () => proxy.log.filter((r) => r.method === 'PUT' && r.path.includes('/manifests/'));

describe('mergeTag', () => {
  it('publishes a complete index with platforms from the image configs, then its aliases, moving no blob', async () => {
    const p = project();
    const platformDigests = await pushPlatformImages(seeded, p, '1.1.0');
    const ctx = await context(p);
    proxy.clearLog();
    const result = await mergeTag(ctx, { image: 'app', tag: '1.1.0' });

    expect(proxy.stats().blobUploadBytes).toBe(0);
    const index = await indexAt(p, '1.1.0');
    expect(index?.mediaType).toBe('application/vnd.oci.image.index.v1+json');
    expect(index?.manifests.map((m) => [`${m.platform.os}/${m.platform.architecture}`, m.digest])).toEqual([
      ['linux/amd64', platformDigests['linux/amd64']],
      ['linux/arm64', platformDigests['linux/arm64']],
    ]);
    // ref.name is the catalog tag; no git, no SOURCE_DATE_EPOCH given → nothing else.
    expect(index?.annotations).toEqual({ 'org.opencontainers.image.ref.name': '1.1.0' });
    const tags = await digestsOf(p, ['1.1.0', '1', '1.1', '1.0']);
    expect(tags).toEqual({
      '1.1.0': result.indexDigest,
      '1': result.indexDigest,
      '1.1': result.indexDigest,
      '1.0': null,
    });
    expect(result.ref).toBe(`${proxy.address}/${p.prefix}/app:1.1.0`);
    expect(result.aliases.map((a) => [a.tag, a.previousDigest, a.changed])).toEqual([
      ['1', null, true],
      ['1.1', null, true],
    ]);

    const record = JSON.parse(readFileSync(path.join(p.root, 'dist/app/1.1.0/manifest.json'), 'utf8'));
    expect(record).toEqual({
      image: 'app',
      tag: '1.1.0',
      ref: result.ref,
      indexDigest: result.indexDigest,
      platforms: [
        { platform: 'linux/amd64', digest: platformDigests['linux/amd64'] },
        { platform: 'linux/arm64', digest: platformDigests['linux/arm64'] },
      ],
      missingPlatforms: [],
      aliases: ['1', '1.1'],
    });
    // Index first, then aliases (which go out concurrently, so in any order among themselves).
    const [first, ...aliases] = manifestPuts().map((r) => r.path.split('/manifests/')[1]);
    expect(first).toBe('1.1.0');
    expect(aliases.sort()).toEqual(['1', '1.1']);
  });

  it('changes nothing on a second run: no manifest PUT, everything reported unchanged', async () => {
    const p = project();
    await pushPlatformImages(seeded, p, '1.1.0');
    const first = await publishTag(await context(p), { image: 'app', tag: '1.1.0' });
    const recordFile = path.join(p.root, 'dist/app/1.1.0/manifest.json');
    const recordBefore = readFileSync(recordFile, 'utf8');
    proxy.clearLog();

    const second = await publishTag(await context(p), { image: 'app', tag: '1.1.0' });
    expect(manifestPuts()).toEqual([]);
    expect(second.indexDigest).toBe(first.indexDigest);
    expect(second.indexChanged).toBe(false);
    expect(second.previousIndexDigest).toBe(first.indexDigest);
    expect(second.aliases.every((a) => !a.changed && a.previousDigest === first.indexDigest)).toBe(true);
    expect(readFileSync(recordFile, 'utf8')).toBe(recordBefore);
  });

  it('publishes snapshot tags only, with the same index bytes a release of the same images gets', async () => {
    const snap = project();
    await pushPlatformImages(seeded, snap, '1.1.0-mr-7');
    const ctx = await context(snap, 'mr-7');
    const result = await mergeTag(ctx, { image: 'app', tag: '1.1.0' });

    expect(await digestsOf(snap, ['1.1.0-mr-7', '1-mr-7', '1.1-mr-7', '1.1.0', '1'])).toEqual({
      '1.1.0-mr-7': result.indexDigest,
      '1-mr-7': result.indexDigest,
      '1.1-mr-7': result.indexDigest,
      '1.1.0': null,
      '1': null,
    });
    expect(result.ref).toBe(`${proxy.address}/${snap.prefix}/app:1.1.0-mr-7`);
    // Records live under the catalog tag, never the snapshot tag.
    expect(JSON.parse(readFileSync(path.join(snap.root, 'dist/app/1.1.0/manifest.json'), 'utf8')).aliases).toEqual([
      '1-mr-7',
      '1.1-mr-7',
    ]);

    const release = project();
    await pushPlatformImages(seeded, release, '1.1.0');
    const released = await mergeTag(await context(release), { image: 'app', tag: '1.1.0' });
    expect(released.indexDigest).toBe(result.indexDigest);
  });

  it('uses the digests the build reports and looks up the other platforms by tag', async () => {
    const p = project();
    // amd64 exists only under an unrelated tag: only its digest leads to it.
    const other = await pushPlatformImages(seeded, p, 'scratch', { arches: ['amd64'] });
    await pushPlatformImages(seeded, p, '1.0.0', { arches: ['arm64'] });
    const result = await mergeTag(await context(p), {
      image: 'app',
      tag: '1.0.0',
      platformDigests: { 'linux/amd64': other['linux/amd64'] },
    });
    expect(result.platforms.map((x) => x.platform)).toEqual(['linux/amd64', 'linux/arm64']);
    expect(result.platforms[0].digest).toBe(other['linux/amd64']);
    expect(await digestsOf(p, ['1.0.0', '1.0'])).toEqual({ '1.0.0': result.indexDigest, '1.0': result.indexDigest });
  });

  it('publishes nothing when a declared platform is missing', async () => {
    const p = project();
    await pushPlatformImages(seeded, p, '1.1.0', { arches: ['amd64'] });
    proxy.clearLog();
    const error = await mergeTag(await context(p), { image: 'app', tag: '1.1.0' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OperationError);
    expect((error as Error).message).toMatch(/no image for linux\/arm64 .*1\.1\.0-linux-arm64.*--allow-partial/);
    expect(manifestPuts()).toEqual([]);
    expect(await digestsOf(p, ['1.1.0', '1', '1.1'])).toEqual({ '1.1.0': null, '1': null, '1.1': null });
    expect(existsSync(path.join(p.root, 'dist/app/1.1.0/manifest.json'))).toBe(false);
  });

  it('with allowPartial publishes the index loudly and leaves the aliases where they were', async () => {
    const p = project();
    await pushPlatformImages(seeded, p, '1.1.0');
    const complete = await mergeTag(await context(p), { image: 'app', tag: '1.1.0' });
    // A new build where only amd64 made it.
    await pushPlatformImages(seeded, p, '1.1.0', { arches: ['amd64'], flavour: 'v2s2' });
    execFileSync('skopeo', ['delete', '--tls-verify=false', `docker://${directRef(p, '1.1.0-linux-arm64')}`], {
      env: containersEnv(),
    });

    const ctx = await context(p);
    const partial = await publishTag(ctx, { image: 'app', tag: '1.1.0', allowPartial: true });
    expect(partial.missingPlatforms).toEqual(['linux/arm64']);
    expect(partial.aliases).toEqual([]);
    expect(partial.aliasesNotMoved).toEqual(['1', '1.1']);
    expect(ctx.logger.messages('warn')).toEqual([
      expect.stringMatching(/publishing app:1\.1\.0 WITHOUT linux\/arm64: .*1\.1\.0-linux-arm64 does not exist/),
      expect.stringMatching(/aliases 1, 1\.1 of app:1\.1\.0 NOT moved: the index lacks linux\/arm64/),
    ]);
    const index = await indexAt(p, '1.1.0');
    expect(index?.manifests.map((m) => m.platform.architecture)).toEqual(['amd64']);
    expect(await digestsOf(p, ['1', '1.1'])).toEqual({ '1': complete.indexDigest, '1.1': complete.indexDigest });
    const record = JSON.parse(readFileSync(path.join(p.root, 'dist/app/1.1.0/manifest.json'), 'utf8'));
    expect([record.missingPlatforms, record.aliases]).toEqual([['linux/arm64'], []]);
  });

  it('refuses an image whose config contradicts the platform in its tag', async () => {
    const p = project();
    await pushPlatformImages(seeded, p, '1.1.0', { arches: ['arm64'] });
    execFileSync(
      'skopeo',
      [
        'copy',
        '-q',
        '--src-tls-verify=false',
        '--dest-tls-verify=false',
        `docker://${seeded.byArch.arm64}`,
        `docker://${directRef(p, '1.1.0-linux-amd64')}`,
      ],
      { env: containersEnv() },
    );
    await expect(mergeTag(await context(p), { image: 'app', tag: '1.1.0' })).rejects.toThrow(
      /1\.1\.0-linux-amd64 should be a linux\/amd64 image but its config says linux\/arm64/,
    );
    expect(await digestsOf(p, ['1.1.0'])).toEqual({ '1.1.0': null });
  });

  it('rejects unknown images and tags with a suggestion', async () => {
    const ctx = await context(project());
    await expect(mergeTag(ctx, { image: 'ap', tag: '1.1.0' })).rejects.toThrow(
      /"ap" is not an image .*did you mean "app"/,
    );
    await expect(mergeTag(ctx, { image: 'app', tag: '1.1.1' })).rejects.toThrow(UsageError);
    await expect(
      mergeTag(ctx, { image: 'app', tag: '1.1.0', platformDigests: { 'linux/s390x': 'sha256:0' } }),
    ).rejects.toThrow(/linux\/s390x, which .image-manager.yml does not declare/);
  });

  it('writes annotations from the run metadata, deterministically', async () => {
    const p = project();
    await pushPlatformImages(seeded, p, '1.1.0');
    const indexMetadata = {
      revision: 'a'.repeat(40),
      source: 'https://github.com/acme/images',
      createdEpoch: 1767225600,
    };
    const first = await publishTag({ ...(await context(p)), indexMetadata }, { image: 'app', tag: '1.1.0' });
    expect((await indexAt(p, '1.1.0'))?.annotations).toEqual({
      'org.opencontainers.image.created': '2026-01-01T00:00:00Z',
      'org.opencontainers.image.ref.name': '1.1.0',
      'org.opencontainers.image.revision': 'a'.repeat(40),
      'org.opencontainers.image.source': 'https://github.com/acme/images',
    });
    const again = await publishTag({ ...(await context(p)), indexMetadata }, { image: 'app', tag: '1.1.0' });
    expect([again.indexDigest, again.indexChanged]).toEqual([first.indexDigest, false]);
  });

  it('keeps the index of the same platform images when only the run metadata changed (a commit that changed no image)', async () => {
    const p = project();
    await pushPlatformImages(seeded, p, '1.1.0');
    const at = (revision: string) => ({ revision: revision.repeat(40), createdEpoch: 1767225600 });
    const first = await publishTag({ ...(await context(p)), indexMetadata: at('a') }, { image: 'app', tag: '1.1.0' });
    proxy.clearLog();
    const next = await publishTag({ ...(await context(p)), indexMetadata: at('b') }, { image: 'app', tag: '1.1.0' });
    expect([next.indexDigest, next.indexChanged]).toEqual([first.indexDigest, false]);
    expect(manifestPuts()).toEqual([]);
    expect((await indexAt(p, '1.1.0'))?.annotations?.['org.opencontainers.image.revision']).toBe('a'.repeat(40));

    // A snapshot of the same images takes the release's index as it is: promoting it later moves nothing.
    const pushed = await pushPlatformImages(seeded, p, '1.1.0-mr-9');
    const snapshot = await publishTag(
      { ...(await context(p, 'mr-9')), indexMetadata: at('c') },
      { image: 'app', tag: '1.1.0' },
    );
    expect(snapshot.indexDigest).toBe(first.indexDigest);
    expect(Object.values(pushed).sort()).toEqual(snapshot.platforms.map((x) => x.digest).sort());
  });

  it('exports the index and its platforms as an OCI layout archive when asked', async () => {
    const p = project();
    const platformDigests = await pushPlatformImages(seeded, p, '1.0.0');
    const result = await mergeTag(await context(p), { image: 'app', tag: '1.0.0', exportArchive: true });
    const archive = path.join(p.root, 'dist/app/1.0.0/image.tar');
    expect(result.archive).toBe(archive);
    const raw = execFileSync('skopeo', ['inspect', '--raw', `oci-archive:${archive}`], { env: containersEnv() });
    const digests = (JSON.parse(raw.toString()) as { manifests: Array<{ digest: string }> }).manifests.map(
      (m) => m.digest,
    );
    expect(digests.sort()).toEqual(Object.values(platformDigests).sort());
    expect(JSON.parse(readFileSync(path.join(p.root, 'dist/app/1.0.0/manifest.json'), 'utf8')).archive).toBe(
      'image.tar',
    );
  });

  it('leaves the release tag and its aliases where they were when the index write keeps failing', async () => {
    const p = project();
    await pushPlatformImages(seeded, p, '1.1.0');
    const old = await mergeTag(await context(p), { image: 'app', tag: '1.1.0' });
    await pushPlatformImages(seeded, p, '1.1.0', { flavour: 'v2s2' });
    proxy.setRules([{ method: 'PUT', path: /\/manifests\/1\.1\.0$/, action: { kind: 'status', status: 500 } }]);

    await expect(mergeTag(await context(p), { image: 'app', tag: '1.1.0' })).rejects.toThrow(/HTTP 500/);
    expect(await digestsOf(p, ['1.1.0', '1', '1.1'])).toEqual({
      '1.1.0': old.indexDigest,
      '1': old.indexDigest,
      '1.1': old.indexDigest,
    });
  });

  it('says which aliases moved when an alias write keeps failing after the index moved', async () => {
    const p = project();
    await pushPlatformImages(seeded, p, '1.1.0');
    const old = await mergeTag(await context(p), { image: 'app', tag: '1.1.0' });
    await pushPlatformImages(seeded, p, '1.1.0', { flavour: 'v2s2' });
    proxy.setRules([{ method: 'PUT', path: /\/manifests\/1$/, action: { kind: 'status', status: 500 } }]);

    await expect(mergeTag(await context(p), { image: 'app', tag: '1.1.0' })).rejects.toThrow(
      /HTTP 500.*tags already moved to sha256:\w+: 1\.1; not moved: 1 \(re-run to finish\)/,
    );
    const now = await digestsOf(p, ['1.1.0', '1']);
    expect(now['1']).toBe(old.indexDigest);
    expect(now['1.1.0']).not.toBe(old.indexDigest);
  });
});
