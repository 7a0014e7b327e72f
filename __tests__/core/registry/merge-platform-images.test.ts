import { execFileSync } from 'node:child_process';
import { RegistryClient } from '../../../src/core/registry/client';
import { mergePlatformImages } from '../../../src/core/registry/merge-platform-images';
import { parseReference, withTag, type RepositoryRef } from '../../../src/core/registry/reference';
import { OperationError, UsageError } from '../../../src/core/shared/errors';
import { seededBusybox, type SeededBusybox } from '../../support/busybox-image';
import { containersEnv } from '../../support/containers-env';
import { startFaultProxy, type FaultProxy } from '../../support/fault-proxy';
import { seedPlatformRepository, skopeoDigest, skopeoRaw, uniqueRepository } from './registry-test-kit';

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

describe('mergePlatformImages', () => {
  it('publishes a sorted OCI index over per-platform images with zero blob bytes, idempotently', async () => {
    const repo = await platformRepository('merge');
    const client = new RegistryClient();
    proxy.clearLog();
    const input = {
      target: withTag(repo, '1.2.3'),
      platforms: [withTag(repo, '1.2.3-linux-arm64'), withTag(repo, '1.2.3-linux-amd64')],
      requiredPlatforms: ['linux/amd64', 'linux/arm64'],
    };
    const result = await mergePlatformImages(client, input);
    expect(proxy.stats().blobUploadBytes).toBe(0);
    expect(result.transfers).toEqual({ blobsMounted: 0, blobsUploaded: 0, manifestsCopied: 0 });

    const raw = await skopeoRaw(direct(repo, '1.2.3'));
    expect(raw!.equals(Buffer.from(result.manifestBytes))).toBe(true);
    expect(await skopeoDigest(direct(repo, '1.2.3'))).toBe(result.digest);
    const index = JSON.parse(raw!.toString()) as {
      mediaType: string;
      manifests: Array<{ digest: string; platform: { architecture: string } }>;
    };
    expect(index.mediaType).toBe('application/vnd.oci.image.index.v1+json');
    expect(index.manifests.map((m) => m.platform.architecture)).toEqual(['amd64', 'arm64']);
    expect(index.manifests[0].digest).toBe(await skopeoDigest(direct(repo, '1.2.3-linux-amd64')));
    expect(result.platforms.map((p) => [p.platform, p.digest])).toEqual([
      ['linux/amd64', await skopeoDigest(direct(repo, '1.2.3-linux-amd64'))],
      ['linux/arm64', await skopeoDigest(direct(repo, '1.2.3-linux-arm64'))],
    ]);
    // podman/skopeo resolve the platform from our index.
    const armConfig = JSON.parse(
      execFileSync(
        'skopeo',
        ['inspect', '--config', '--tls-verify=false', '--override-arch', 'arm64', `docker://${direct(repo, '1.2.3')}`],
        {
          env: containersEnv(),
          encoding: 'utf8',
        },
      ),
    ) as { architecture: string };
    expect(armConfig.architecture).toBe('arm64');

    const again = await mergePlatformImages(new RegistryClient(), {
      ...input,
      platforms: [...input.platforms].reverse(),
    });
    expect(again.digest).toBe(result.digest);
    expect(Buffer.from(again.manifestBytes).equals(Buffer.from(result.manifestBytes))).toBe(true);
  });

  it('mounts blobs and copies manifests when platform images live in another repository', async () => {
    const source = await platformRepository('elsewhere');
    const target = { registry: proxy.address, repository: uniqueRepository('publish/target') };
    proxy.clearLog();
    const result = await mergePlatformImages(new RegistryClient(), {
      target: withTag(target, '2.0'),
      platforms: [withTag(source, '1.2.3-linux-amd64'), withTag(source, '1.2.3-linux-arm64')],
      annotations: { 'org.opencontainers.image.version': '2.0' },
    });
    expect(result.transfers).toEqual({ blobsMounted: 4, blobsUploaded: 0, manifestsCopied: 2 });
    expect(proxy.stats().blobUploadBytes).toBe(0);
    expect(await skopeoDigest(direct(target, '2.0'))).toBe(result.digest);
    const pulled = execFileSync(
      'skopeo',
      ['inspect', '--tls-verify=false', '--override-arch', 'amd64', `docker://${direct(target, '2.0')}`],
      { env: containersEnv(), encoding: 'utf8' },
    );
    expect((JSON.parse(pulled) as { Architecture: string }).Architecture).toBe('amd64');
    expect(JSON.parse((await skopeoRaw(direct(target, '2.0')))!.toString()).annotations).toEqual({
      'org.opencontainers.image.version': '2.0',
    });
  });

  it.each([
    [
      'an input that is itself an index',
      (r: RepositoryRef) => [parseReference(seededRef('multi')), withTag(r, '1.2.3-linux-arm64')],
      /test\/busybox:multi is itself a multi-platform index/,
    ],
    [
      'two inputs with the same platform',
      (r: RepositoryRef) => [withTag(r, '1.2.3-linux-amd64'), parseReference(seededRef('amd64'))],
      /are all linux\/amd64; give one image per platform/,
    ],
    [
      'a missing platform image',
      (r: RepositoryRef) => [withTag(r, '1.2.3-linux-amd64'), withTag(r, '1.2.3-linux-s390x')],
      /GET manifest 1\.2\.3-linux-s390x failed: HTTP 404 MANIFEST_UNKNOWN/,
    ],
  ])('refuses %s and leaves the target tag alone', async (_name, platforms, message) => {
    const repo = await platformRepository('refuse');
    const client = new RegistryClient();
    const before = await mergePlatformImages(client, {
      target: withTag(repo, '1.2.3'),
      platforms: [withTag(repo, '1.2.3-linux-amd64'), withTag(repo, '1.2.3-linux-arm64')],
    });
    await expect(
      mergePlatformImages(client, { target: withTag(repo, '1.2.3'), platforms: platforms(repo) }),
    ).rejects.toThrow(message);
    expect(await skopeoDigest(direct(repo, '1.2.3'))).toBe(before.digest);
  });

  it('refuses when a required platform is not among the inputs, and a target that is not a tag', async () => {
    const repo = await platformRepository('required');
    const client = new RegistryClient();
    await expect(
      mergePlatformImages(client, {
        target: withTag(repo, '1.2.3'),
        platforms: [withTag(repo, '1.2.3-linux-amd64')],
        requiredPlatforms: ['linux/amd64', 'linux/arm64'],
      }),
    ).rejects.toThrow(/no image for linux\/arm64 \(have linux\/amd64\); build and push the missing platform first/);
    expect(await skopeoRaw(direct(repo, '1.2.3'))).toBeNull();
    await expect(
      mergePlatformImages(client, { target: repo, platforms: [withTag(repo, '1.2.3-linux-amd64')] }),
    ).rejects.toThrow(UsageError);
  });
});

function seededRef(tag: string): string {
  return `${proxy.address}/test/busybox:${tag}`;
}

it('refuses an invalid operation as an OperationError with exit code 1', async () => {
  const error = await mergePlatformImages(new RegistryClient(), {
    target: parseReference(`${proxy.address}/publish/x:1`),
    platforms: [parseReference(seededRef('multi'))],
  }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(OperationError);
  expect((error as OperationError).exitCode).toBe(1);
});
