import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { publishTag } from '../../../src/core/publish/merge-tag';
import { promoteTags } from '../../../src/core/publish/promote-tags';
import type { PublishContext } from '../../../src/core/publish/types';
import { OperationError, UsageError } from '../../../src/core/shared/errors';
import { MemoryLogger } from '../../../src/core/shared/logger';
import { seededBusybox, type SeededBusybox } from '../../support/busybox-image';
import { startFaultProxy, type FaultProxy } from '../../support/fault-proxy';
import {
  digestsOf,
  impatientClient,
  makePublishProject,
  projectCatalog,
  pushPlatformImages,
  writeTestReport,
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

async function context(p: PublishProject, snapshotId?: string): Promise<PublishContext & { logger: MemoryLogger }> {
  return { catalog: await projectCatalog(p, snapshotId), client: impatientClient(), logger: new MemoryLogger() };
}

/** A project whose snapshot `mr-7` of app:1.1.0 was built and merged (v2s2 flavour: other digests than a release). */
async function snapshotProject(): Promise<{
  p: PublishProject;
  snapshotDigest: string;
  platforms: Record<string, string>;
}> {
  const p = makePublishProject(seeded.registry, proxy.address);
  const platforms = await pushPlatformImages(seeded, p, '1.1.0-mr-7', { flavour: 'v2s2' });
  const merged = await publishTag(await context(p, 'mr-7'), { image: 'app', tag: '1.1.0' });
  return { p, snapshotDigest: merged.indexDigest, platforms };
}

const promote = async (p: PublishProject, extra: { ignoreTestReports?: boolean } = {}) => {
  const ctx = await context(p);
  const results = await promoteTags(ctx, { snapshotId: 'mr-7', targets: [{ image: 'app', tag: '1.1.0' }], ...extra });
  return { results, logger: ctx.logger };
};

const manifestPuts = () => proxy.log.filter((r) => r.method === 'PUT' && r.path.includes('/manifests/'));
const releaseTags = ['1.1.0', '1', '1.1', '1.1.0-linux-amd64', '1.1.0-linux-arm64'];

describe('promoteTags', () => {
  it('points the release tag, its platform tags and aliases at the snapshot digests, and a re-run writes nothing', async () => {
    const { p, snapshotDigest, platforms } = await snapshotProject();
    // An older release the promotion replaces.
    await pushPlatformImages(seeded, p, '1.1.0');
    const old = await publishTag(await context(p), { image: 'app', tag: '1.1.0' });
    expect(old.indexDigest).not.toBe(snapshotDigest);

    const { results, logger } = await promote(p);
    expect(await digestsOf(p, [...releaseTags, '1.1.0-mr-7'])).toEqual({
      '1.1.0': snapshotDigest,
      '1': snapshotDigest,
      '1.1': snapshotDigest,
      '1.1.0-linux-amd64': platforms['linux/amd64'],
      '1.1.0-linux-arm64': platforms['linux/arm64'],
      '1.1.0-mr-7': snapshotDigest,
    });
    expect(results).toHaveLength(1);
    const [result] = results;
    expect(result.indexDigest).toBe(snapshotDigest);
    expect(result.index).toEqual({ tag: '1.1.0', previousDigest: old.indexDigest, changed: true });
    expect(result.from).toBe(`${proxy.address}/${p.prefix}/app:1.1.0-mr-7`);
    expect(result.aliases.map((a) => [a.tag, a.previousDigest])).toEqual([
      ['1', old.indexDigest],
      ['1.1', old.indexDigest],
    ]);
    expect(result.testReports).toBe(0);
    expect(logger.messages('info')).toContainEqual(expect.stringMatching(/no test reports found/));
    const record = JSON.parse(readFileSync(path.join(p.root, 'dist/app/1.1.0/manifest.json'), 'utf8'));
    expect([record.ref, record.indexDigest, record.aliases]).toEqual([
      `${proxy.address}/${p.prefix}/app:1.1.0`,
      snapshotDigest,
      ['1', '1.1'],
    ]);

    proxy.clearLog();
    const again = await promote(p);
    expect(manifestPuts()).toEqual([]);
    expect(again.results[0].index.changed).toBe(false);
  });

  it('promotes when every platform has a passing report for this snapshot', async () => {
    const { p, snapshotDigest } = await snapshotProject();
    writeTestReport(p, '1.1.0', 'amd64', { passed: 3, ref: `${p.address}/${p.prefix}/app:1.1.0-mr-7` });
    writeTestReport(p, '1.1.0', 'arm64', { passed: 3, ref: `${p.address}/${p.prefix}/app:1.1.0-mr-7-linux-arm64` });
    const { results } = await promote(p);
    expect(results[0].testReports).toBe(2);
    expect((await digestsOf(p, ['1.1.0']))['1.1.0']).toBe(snapshotDigest);
  });

  it.each([
    [
      'a failed report',
      (p: PublishProject) => {
        writeTestReport(p, '1.1.0', 'amd64', { passed: 2 });
        writeTestReport(p, '1.1.0', 'arm64', { passed: 1, failed: 1 });
      },
      /tests failed on linux\/arm64: 1 failed, 0 errors, 1 passed, 0 not run \("broken 0"\)/,
    ],
    [
      'a report for one platform only',
      (p: PublishProject) => writeTestReport(p, '1.1.0', 'amd64', { passed: 2 }),
      /no test report for linux\/arm64 .* while other platforms have one/,
    ],
    [
      'a report about another snapshot',
      (p: PublishProject) => {
        writeTestReport(p, '1.1.0', 'amd64', { ref: `${p.address}/${p.prefix}/app:1.1.0-mr-6` });
        writeTestReport(p, '1.1.0', 'arm64', {});
      },
      /reports on .*app:1\.1\.0-mr-6, not on this snapshot \(1\.1\.0-mr-7\)/,
    ],
  ])('refuses with %s and moves nothing', async (_name, arrange, message) => {
    const { p } = await snapshotProject();
    arrange(p);
    proxy.clearLog();
    const error = await promote(p).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OperationError);
    expect((error as Error).message).toMatch(/^nothing was promoted/);
    expect((error as Error).message).toMatch(message);
    expect(manifestPuts()).toEqual([]);
    expect(Object.values(await digestsOf(p, releaseTags))).toEqual(releaseTags.map(() => null));
  });

  it('promotes over failed reports with ignoreTestReports, printing each one', async () => {
    const { p, snapshotDigest } = await snapshotProject();
    writeTestReport(p, '1.1.0', 'amd64', { errors: 1 });
    writeTestReport(p, '1.1.0', 'arm64', {});
    const { results, logger } = await promote(p, { ignoreTestReports: true });
    expect(results[0].testProblemsIgnored).toEqual([expect.stringMatching(/tests failed on linux\/amd64/)]);
    expect(logger.messages('warn')).toEqual([
      expect.stringMatching(/^IGNORED .*app:1\.1\.0-mr-7: tests failed on linux\/amd64/),
    ]);
    expect((await digestsOf(p, ['1.1.0']))['1.1.0']).toBe(snapshotDigest);
  });

  it('refuses a missing or partial snapshot index, and promotes none of several tags then', async () => {
    const { p } = await snapshotProject();
    // 1.0.0 only has a partial snapshot index.
    await pushPlatformImages(seeded, p, '1.0.0-mr-7', { arches: ['amd64'] });
    await publishTag(await context(p, 'mr-7'), { image: 'app', tag: '1.0.0', allowPartial: true });
    const ctx = await context(p);
    proxy.clearLog();
    const error = await promoteTags(ctx, {
      snapshotId: 'mr-7',
      targets: [
        { image: 'app', tag: '1.1.0' },
        { image: 'app', tag: '1.0.0' },
      ],
    }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/app:1\.0\.0-mr-7 lacks linux\/arm64 \(it has linux\/amd64\)/);
    expect(manifestPuts()).toEqual([]);
    expect(await digestsOf(p, ['1.1.0', '1.0.0'])).toEqual({ '1.1.0': null, '1.0.0': null });

    const other = makePublishProject(seeded.registry, proxy.address);
    await expect(
      promoteTags(await context(other), { snapshotId: 'mr-7', targets: [{ image: 'app', tag: '1.1.0' }] }),
    ).rejects.toThrow(
      /app:1\.1\.0-mr-7 does not exist: publish the snapshot first \(image-manager manifest app:1\.1\.0 --snapshot-id mr-7\)/,
    );
  });

  it('refuses bad input', async () => {
    const { p } = await snapshotProject();
    await expect(promoteTags(await context(p, 'mr-7'), { snapshotId: 'mr-7', targets: [] })).rejects.toThrow(
      /release catalog/,
    );
    await expect(promoteTags(await context(p), { snapshotId: 'mr 7', targets: [] })).rejects.toThrow(UsageError);
  });

  it('leaves every release tag and alias where it was when the index write keeps failing', async () => {
    const { p } = await snapshotProject();
    await pushPlatformImages(seeded, p, '1.1.0');
    await publishTag(await context(p), { image: 'app', tag: '1.1.0' });
    const before = await digestsOf(p, releaseTags);
    proxy.setRules([{ method: 'PUT', path: /\/manifests\/1\.1\.0$/, action: { kind: 'status', status: 500 } }]);
    await expect(promote(p)).rejects.toThrow(/promoting app:1\.1\.0 failed: .*HTTP 500.*re-run to finish/);
    expect(await digestsOf(p, releaseTags)).toEqual(before);
  });
});
