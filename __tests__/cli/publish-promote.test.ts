import { seededBusybox, type SeededBusybox } from '../support/busybox-image';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy';
import {
  digestsOf,
  makePublishProject,
  publishCli,
  pushPlatformImages,
  writeTestReport,
  type PublishProject,
} from '../core/publish/publish-test-kit';

jest.setTimeout(120_000);

let seeded: SeededBusybox;
let proxy: FaultProxy;
beforeAll(async () => {
  seeded = await seededBusybox();
  proxy = await startFaultProxy(seeded.registry);
});
afterAll(() => proxy.close());
afterEach(() => proxy.setRules([]));

const releaseTags = ['1.1.0', '1', '1.1', '1.1.0-linux-amd64', '1.1.0-linux-arm64'];

/** A snapshot pipeline's result: app:1.1.0 built and merged under mr-9. */
async function snapshotProject(): Promise<{ p: PublishProject; snapshot: string }> {
  const p = makePublishProject(seeded.registry, proxy.address);
  await pushPlatformImages(seeded, p, '1.1.0-mr-9');
  const merged = await publishCli(['manifest', 'app:1.1.0', '--snapshot-id', 'mr-9'], { cwd: p.root });
  expect(merged.code).toBe(0);
  return { p, snapshot: (await digestsOf(p, ['1.1.0-mr-9']))['1.1.0-mr-9'] as string };
}

describe('image-manager promote', () => {
  it('gives the release tags exactly the snapshot digests, and says it found no test reports', async () => {
    const { p, snapshot } = await snapshotProject();
    const platforms = await digestsOf(p, ['1.1.0-mr-9-linux-amd64', '1.1.0-mr-9-linux-arm64']);
    const result = await publishCli(['promote', 'app:1.1.0', '--snapshot-id', 'mr-9'], { cwd: p.root });
    expect(result.stderr).toMatch(/app:1\.1\.0: no test reports found; promoted on the pipeline's word/);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      `app:1.1.0 ← app:1.1.0-mr-9 ${snapshot} moved; platform tags 2 moved, 0 unchanged; aliases 1 moved, 1.1 moved; no test reports found\n`,
    );
    expect(await digestsOf(p, releaseTags)).toEqual({
      '1.1.0': snapshot,
      '1': snapshot,
      '1.1': snapshot,
      '1.1.0-linux-amd64': platforms['1.1.0-mr-9-linux-amd64'],
      '1.1.0-linux-arm64': platforms['1.1.0-mr-9-linux-arm64'],
    });
  });

  it('refuses with exit 1 when a test report failed, and promotes nothing', async () => {
    const { p } = await snapshotProject();
    writeTestReport(p, '1.1.0', 'amd64', { passed: 4 });
    writeTestReport(p, '1.1.0', 'arm64', { passed: 3, failed: 1 });
    const result = await publishCli(['promote', 'app:1.1.0', '--snapshot-id', 'mr-9'], { cwd: p.root });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /error: nothing was promoted:\n {2}- app:1\.1\.0-mr-9: tests failed on linux\/arm64: 1 failed/,
    );
    expect(Object.values(await digestsOf(p, releaseTags))).toEqual(releaseTags.map(() => null));
  });

  it('needs --snapshot-id (exit 2)', async () => {
    const { root } = makePublishProject(seeded.registry, proxy.address);
    const result = await publishCli(['promote', 'app'], { cwd: root });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/promote needs --snapshot-id ID/);
  });

  it('exits 1 and moves no release tag or alias when the registry keeps failing the writes', async () => {
    const { p } = await snapshotProject();
    proxy.setRules([{ method: 'PUT', path: /\/manifests\//, action: { kind: 'reset' } }]);
    const result = await publishCli(['promote', 'app:1.1.0', '--snapshot-id', 'mr-9'], { cwd: p.root });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/error: promoting app:1\.1\.0 failed: .*PUT manifest 1\.1\.0 failed/);
    expect(Object.values(await digestsOf(p, releaseTags))).toEqual(releaseTags.map(() => null));
  });
});
