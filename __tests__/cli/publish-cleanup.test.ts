import { seededBusybox, type SeededBusybox } from '../support/busybox-image';
import {
  digestsOf,
  makePublishProject,
  publishCli,
  pushPlatformImages,
  startRegistryWithoutDeletes,
  type PublishProject,
} from '../core/publish/publish-test-kit';

jest.setTimeout(120_000);

let seeded: SeededBusybox;
beforeAll(async () => {
  seeded = await seededBusybox();
});

/** Snapshot mr-4 of app:1.1.0 built, merged and promoted; snapshot mr-4 of app:1.0.0 built and merged only. */
async function promotedProject(address?: string): Promise<PublishProject> {
  const p = makePublishProject(address ?? seeded.registry);
  await pushPlatformImages(seeded, p, '1.1.0-mr-4');
  await pushPlatformImages(seeded, p, '1.0.0-mr-4', { flavour: 'v2s2' });
  expect((await publishCli(['manifest', '--snapshot-id', 'mr-4'], { cwd: p.root })).code).toBe(0);
  expect((await publishCli(['promote', 'app:1.1.0', '--snapshot-id', 'mr-4'], { cwd: p.root })).code).toBe(0);
  return p;
}

const snapshotOf100 = ['1.0.0-mr-4', '1.0-mr-4', '1.0.0-mr-4-linux-amd64', '1.0.0-mr-4-linux-arm64'];
const release = ['1.1.0', '1', '1.1', '1.1.0-linux-amd64', '1.1.0-linux-arm64'];

describe('image-manager cleanup', () => {
  it('prints what it would delete, then deletes with --yes, keeping what release tags share', async () => {
    const p = await promotedProject();
    const before = await digestsOf(p, [...snapshotOf100, ...release, '1.1.0-mr-4']);

    const dry = await publishCli(['cleanup', '--snapshot-id', 'mr-4'], { cwd: p.root });
    expect(dry.code).toBe(0);
    const lines = dry.stdout.trim().split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        `would delete app:1.0-mr-4, app:1.0.0-mr-4 (${before['1.0.0-mr-4']})`,
        `would delete app:1.0.0-mr-4-linux-amd64 (${before['1.0.0-mr-4-linux-amd64']})`,
        `kept app:1-mr-4, app:1.1-mr-4, app:1.1.0-mr-4 (${before['1.1.0']}): same digest as 1, 1.1, 1.1.0`,
        expect.stringMatching(
          /^kept app:1\.1\.0-mr-4-linux-amd64 \(sha256:\w+\): same digest as 1\.1\.0-linux-amd64; listed by the indexes 1, 1\.1, 1\.1\.0$/,
        ),
      ]),
    );
    expect(lines[lines.length - 1]).toBe(
      'dry run: would delete 3 manifests (4 tags), keep 3; run again with --yes to delete',
    );
    expect(await digestsOf(p, Object.keys(before))).toEqual(before);

    const real = await publishCli(['cleanup', '--snapshot-id', 'mr-4', '--yes'], { cwd: p.root });
    expect(real.code).toBe(0);
    expect(real.stdout).toMatch(/^deleted app:1\.0-mr-4, app:1\.0\.0-mr-4 /m);
    expect(real.stdout.trim().split('\n').pop()).toBe('deleted 3 manifests (4 tags), kept 3');
    const after = await digestsOf(p, Object.keys(before));
    for (const tag of snapshotOf100) expect(after[tag]).toBeNull();
    for (const tag of [...release, '1.1.0-mr-4']) expect(after[tag]).toBe(before[tag]);
  });

  it('needs --snapshot-id (exit 2)', async () => {
    const { root } = makePublishProject(seeded.registry);
    const result = await publishCli(['cleanup', '--yes'], { cwd: root });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/cleanup needs --snapshot-id ID/);
  });

  it('exits 1 with a clear message when the registry refuses deletes', async () => {
    const registry = await startRegistryWithoutDeletes();
    try {
      const p = await promotedProject(registry.address);
      const result = await publishCli(['cleanup', '--snapshot-id', 'mr-4', '--yes'], { cwd: p.root });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        /error: cleanup stopped: registry .* DELETE manifest sha256:\w+ failed: HTTP 405 .*storage\.delete\.enabled: true.*; nothing was deleted/,
      );
    } finally {
      await registry.stop();
    }
  });
});
