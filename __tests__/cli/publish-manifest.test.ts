import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { seededBusybox, type SeededBusybox } from '../support/busybox-image';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy';
import {
  digestsOf,
  indexAt,
  makePublishProject,
  publishCli,
  pushPlatformImages,
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

const project = () => makePublishProject(seeded.registry, proxy.address);
const manifestPuts = () => proxy.log.filter((r) => r.method === 'PUT' && r.path.includes('/manifests/'));
const run = (p: PublishProject, args: string[], env: NodeJS.ProcessEnv = {}) =>
  publishCli(['manifest', ...args], { cwd: p.root, env: { SOURCE_DATE_EPOCH: '', ...env } });

describe('image-manager manifest', () => {
  it('publishes every tag with its aliases, then reports everything unchanged without writing', async () => {
    const p = project();
    await pushPlatformImages(seeded, p, '1.0.0');
    await pushPlatformImages(seeded, p, '1.1.0');
    const first = await run(p, [], { SOURCE_DATE_EPOCH: '1767225600' });
    expect(first.stderr).not.toMatch(/error/);
    expect(first.code).toBe(0);
    const tags = await digestsOf(p, ['1.0.0', '1.0', '1.1.0', '1', '1.1']);
    expect(first.stdout).toBe(
      `app:1.0.0 published ${tags['1.0.0']} (linux/amd64, linux/arm64); aliases 1.0 moved\n` +
        `app:1.1.0 published ${tags['1.1.0']} (linux/amd64, linux/arm64); aliases 1 moved, 1.1 moved\n`,
    );
    expect([tags['1.0'], tags['1'], tags['1.1']]).toEqual([tags['1.0.0'], tags['1.1.0'], tags['1.1.0']]);
    expect((await indexAt(p, '1.1.0'))?.annotations?.['org.opencontainers.image.created']).toBe('2026-01-01T00:00:00Z');

    proxy.clearLog();
    const second = await run(p, ['app'], { SOURCE_DATE_EPOCH: '1767225600' });
    expect(second.code).toBe(0);
    expect(manifestPuts()).toEqual([]);
    expect(second.stdout).toBe(
      `app:1.0.0 unchanged ${tags['1.0.0']} (linux/amd64, linux/arm64); aliases 1.0 unchanged\n` +
        `app:1.1.0 unchanged ${tags['1.1.0']} (linux/amd64, linux/arm64); aliases 1 unchanged, 1.1 unchanged\n`,
    );
  });

  it('publishes snapshot tags under --snapshot-id and exports the archive with --export', async () => {
    const p = project();
    await pushPlatformImages(seeded, p, '1.1.0-mr-5');
    const result = await run(p, ['app:1.1', '--snapshot-id', 'mr-5', '--export']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^app:1\.1\.0-mr-5 published sha256:\w+ .*aliases 1-mr-5 moved, 1\.1-mr-5 moved\n$/);
    expect(await digestsOf(p, ['1.1.0', '1.1.0-mr-5'])).toEqual({ '1.1.0': null, '1.1.0-mr-5': expect.any(String) });
    expect(existsSync(path.join(p.root, 'dist/app/1.1.0/image.tar'))).toBe(true);
  });

  it('publishes nothing for a tag missing a platform and exits 1, the other tags still go', async () => {
    const p = project();
    await pushPlatformImages(seeded, p, '1.0.0');
    await pushPlatformImages(seeded, p, '1.1.0', { arches: ['amd64'] });
    const result = await run(p, []);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/error: cannot publish app:1\.1\.0: no image for linux\/arm64 .*--allow-partial/);
    expect(result.stderr).toMatch(/error: failed to publish 1 of 2 tags: app:1\.1\.0/);
    expect(await digestsOf(p, ['1.1.0', '1', '1.0.0'])).toEqual({
      '1.1.0': null,
      '1': null,
      '1.0.0': expect.stringMatching(/^sha256:/),
    });
  });

  it('with --allow-partial publishes loudly and leaves the aliases alone', async () => {
    const p = project();
    await pushPlatformImages(seeded, p, '1.1.0', { arches: ['arm64'] });
    const result = await run(p, ['app:1.1.0', '--allow-partial']);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/warning: publishing app:1\.1\.0 WITHOUT linux\/amd64/);
    expect(result.stderr).toMatch(/warning: aliases 1, 1\.1 of app:1\.1\.0 NOT moved/);
    expect(result.stdout).toMatch(
      /^app:1\.1\.0 published PARTIAL \(missing linux\/amd64\) sha256:\w+ \(linux\/arm64\); aliases NOT moved: 1, 1\.1\n$/,
    );
    expect(await digestsOf(p, ['1', '1.1'])).toEqual({ '1': null, '1.1': null });
  });

  it('rejects unknown targets with exit code 2 before touching the registry', async () => {
    const p = project();
    proxy.clearLog();
    const result = await run(p, ['app:1.1.9']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/"app" has no tag or alias "1.1.9" \(did you mean "app:1.1.0"\?\)/);
    expect(proxy.log).toEqual([]);
  });

  it('exits 1 and moves no release tag or alias when the registry keeps failing the index write', async () => {
    const p = project();
    await pushPlatformImages(seeded, p, '1.1.0');
    expect((await run(p, ['app:1.1.0'])).code).toBe(0);
    const before = await digestsOf(p, ['1.1.0', '1', '1.1']);
    await pushPlatformImages(seeded, p, '1.1.0', { flavour: 'v2s2' });
    proxy.setRules([{ method: 'PUT', path: /\/manifests\//, action: { kind: 'status', status: 503 } }]);

    const result = await run(p, ['app:1.1.0']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/error: registry .*PUT manifest 1\.1\.0 failed: HTTP 503 after 5 attempts/);
    expect(await digestsOf(p, ['1.1.0', '1', '1.1'])).toEqual(before);
  });
});
