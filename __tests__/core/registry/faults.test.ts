import { randomBytes } from 'node:crypto';
import { applyTags } from '../../../src/core/registry/apply-tags';
import { RegistryClient } from '../../../src/core/registry/client';
import { sha256Digest } from '../../../src/core/registry/digest';
import { RegistryError } from '../../../src/core/registry/errors';
import { mergePlatformImages } from '../../../src/core/registry/merge-platform-images';
import { withDigest, withTag, type RepositoryRef } from '../../../src/core/registry/reference';
import { seededBusybox, type SeededBusybox } from '../../support/busybox-image';
import { startFaultProxy, type FaultProxy, type FaultRule } from '../../support/fault-proxy';
import { recordingClock, skopeoCopy, skopeoDigest, uniqueRepository } from './registry-test-kit';

jest.setTimeout(120_000);

let seeded: SeededBusybox;
let proxy: FaultProxy;
beforeAll(async () => {
  seeded = await seededBusybox();
  proxy = await startFaultProxy(seeded.registry);
});
afterEach(() => proxy.setRules([]));
afterAll(() => proxy.close());

const ALIASES = ['1', '1.2', 'latest', 'stable', '1-x', '1.2-x'];
const manifests = /\/manifests\//;

/** Per-platform images plus an OLD release: `1.2.3` and the aliases point at an amd64-only index. */
async function releasedRepository(prefix: string): Promise<{ repo: RepositoryRef; oldDigest: string }> {
  const repository = uniqueRepository(`faults/${prefix}`);
  for (const arch of ['amd64', 'arm64'] as const) {
    await skopeoCopy(seeded.byArch[arch], `${seeded.registry}/${repository}:1.2.3-linux-${arch}`, { all: false });
  }
  const repo = { registry: proxy.address, repository };
  const client = new RegistryClient();
  const old = await mergePlatformImages(client, {
    target: withTag(repo, '1.2.3'),
    platforms: [withTag(repo, '1.2.3-linux-amd64')],
  });
  await applyTags(client, { source: withDigest(repo, old.digest), tags: ALIASES });
  return { repo, oldDigest: old.digest };
}

function faultyClient(clock = recordingClock(), idleTimeoutMs = 400): RegistryClient {
  return new RegistryClient({ clock, idleTimeoutMs });
}

async function publish(client: RegistryClient, repo: RepositoryRef) {
  const merged = await mergePlatformImages(client, {
    target: withTag(repo, '1.2.3'),
    platforms: [withTag(repo, '1.2.3-linux-amd64'), withTag(repo, '1.2.3-linux-arm64')],
  });
  const tags = await applyTags(client, { source: withDigest(repo, merged.digest), tags: ALIASES });
  return { merged, tags };
}

async function digestsSeenBySkopeo(repo: RepositoryRef): Promise<Array<string | null>> {
  return Promise.all(['1.2.3', ...ALIASES].map((tag) => skopeoDigest(`${seeded.registry}/${repo.repository}:${tag}`)));
}

describe('publishing through transient faults', () => {
  it('completes merge and aliases through resets, 500/503, 429 Retry-After, lost answers and slow answers', async () => {
    const { repo } = await releasedRepository('transient');
    const rules: FaultRule[] = [
      { method: 'GET', path: manifests, times: 2, action: { kind: 'reset' } },
      { method: 'GET', path: manifests, after: 3, times: 1, action: { kind: 'delay', ms: 1500 } },
      { method: 'GET', path: /\/blobs\//, times: 1, action: { kind: 'status', status: 500 } },
      {
        method: 'HEAD',
        path: manifests,
        times: 1,
        action: { kind: 'status', status: 429, headers: { 'Retry-After': '2' } },
      },
      { method: 'PUT', path: /\/manifests\/1\.2\.3$/, times: 1, action: { kind: 'status', status: 503 } },
      { method: 'PUT', path: /\/manifests\/latest$/, times: 1, action: { kind: 'reset-after-forward' } },
    ];
    proxy.setRules(rules);
    proxy.clearLog();
    const clock = recordingClock();
    const { merged, tags } = await publish(faultyClient(clock), repo);

    expect(
      proxy.log
        .filter((r) => r.fault)
        .map((r) => r.fault)
        .sort(),
    ).toEqual(['delay', 'reset', 'reset', 'reset-after-forward', 'status', 'status', 'status'].sort());
    expect(clock.sleeps).toContain(2000);
    expect(tags.every((t) => t.changed)).toBe(true);
    expect(await digestsSeenBySkopeo(repo)).toEqual(Array(7).fill(merged.digest));
    const fresh = await mergePlatformImages(new RegistryClient(), {
      target: withTag(repo, '1.2.3'),
      platforms: [withTag(repo, '1.2.3-linux-amd64'), withTag(repo, '1.2.3-linux-arm64')],
    });
    expect(fresh.digest).toBe(merged.digest);
  });

  it('restarts a chunked blob upload whose PATCH or closing PUT fails', async () => {
    const target = { registry: proxy.address, repository: uniqueRepository('faults/upload') };
    proxy.setRules([
      { method: 'PATCH', after: 1, times: 1, action: { kind: 'reset' } },
      { method: 'PUT', path: /\/blobs\/uploads\//, times: 1, action: { kind: 'status', status: 500 } },
    ]);
    proxy.clearLog();
    const client = new RegistryClient({ clock: recordingClock(), chunkSize: 32 * 1024 });
    const blob = randomBytes(100 * 1024);
    await client.uploadBlob(target, sha256Digest(blob), blob);
    expect(proxy.log.filter((r) => r.method === 'POST' && r.path.includes('/blobs/uploads/'))).toHaveLength(3);
    expect(await new RegistryClient().getBlob(target, sha256Digest(blob))).toEqual(new Uint8Array(blob));
  });
});

describe('persistent faults fail clearly and move no tag', () => {
  it.each([
    [
      '503 on every manifest PUT',
      [{ method: 'PUT', path: manifests, action: { kind: 'status', status: 503 } }],
      /PUT manifest 1\.2\.3 failed: HTTP 503 after 5 attempts; .* is failing or unavailable/,
      4,
    ],
    [
      'connection resets on every manifest PUT',
      [{ method: 'PUT', path: manifests, action: { kind: 'reset' } }],
      /PUT manifest 1\.2\.3 failed: fetch failed: .*(other side closed|socket|ECONNRESET).* after 5 attempts/,
      4,
    ],
    [
      'a registry that never answers',
      [{ path: /./, action: { kind: 'delay', ms: 1200 } }],
      /GET manifest 1\.2\.3-linux-a.d64 failed: no response from the server for 300 ms after 5 attempts/,
      8, // both platform manifests are read in parallel, each retried 4 times
    ],
    [
      '429 without end',
      [{ method: 'PUT', action: { kind: 'status', status: 429, headers: { 'Retry-After': '1' } } }],
      /PUT manifest 1\.2\.3 failed: HTTP 429 after 5 attempts; .* rate limiting/,
      4,
    ],
  ] as Array<[string, FaultRule[], RegExp, number]>)('%s', async (_name, rules, message, waits) => {
    const { repo, oldDigest } = await releasedRepository('persistent');
    proxy.setRules(rules);
    const clock = recordingClock();
    const error = await publish(faultyClient(clock, 300), repo).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegistryError);
    expect((error as Error).message).toMatch(message);
    expect((error as RegistryError).attempts).toBe(5);
    expect(clock.sleeps).toHaveLength(waits);
    proxy.setRules([]);
    expect(await digestsSeenBySkopeo(repo)).toEqual(Array(7).fill(oldDigest));
  });

  it('fails applyTags before moving any alias when its PUTs keep failing', async () => {
    const { repo, oldDigest } = await releasedRepository('aliases');
    const merged = await mergePlatformImages(new RegistryClient(), {
      target: withTag(repo, '1.2.3'),
      platforms: [withTag(repo, '1.2.3-linux-amd64'), withTag(repo, '1.2.3-linux-arm64')],
    });
    proxy.setRules([{ method: 'PUT', action: { kind: 'status', status: 502 } }]);
    await expect(applyTags(faultyClient(), { source: withDigest(repo, merged.digest), tags: ALIASES })).rejects.toThrow(
      /PUT manifest 1 failed: HTTP 502 after 5 attempts/,
    );
    proxy.setRules([]);
    const aliases = await Promise.all(ALIASES.map((t) => skopeoDigest(`${seeded.registry}/${repo.repository}:${t}`)));
    expect(aliases).toEqual(Array(ALIASES.length).fill(oldDigest));
  });

  it('says exactly which aliases moved when only some PUTs keep failing, and a re-run finishes', async () => {
    const { repo, oldDigest } = await releasedRepository('partial');
    const merged = await mergePlatformImages(new RegistryClient(), {
      target: withTag(repo, '1.2.3'),
      platforms: [withTag(repo, '1.2.3-linux-amd64'), withTag(repo, '1.2.3-linux-arm64')],
    });
    proxy.setRules([{ method: 'PUT', path: /\/manifests\/stable$/, action: { kind: 'status', status: 503 } }]);
    const source = withDigest(repo, merged.digest);
    const error = await applyTags(faultyClient(), { source, tags: ALIASES }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(
      new RegExp(
        `PUT manifest stable failed: HTTP 503 after 5 attempts.*; tags already moved to ${merged.digest}: 1, 1\\.2, latest, 1-x, 1\\.2-x; not moved: stable \\(re-run to finish\\)$`,
      ),
    );
    proxy.setRules([]);
    const seen = await Promise.all(ALIASES.map((t) => skopeoDigest(`${seeded.registry}/${repo.repository}:${t}`)));
    expect(seen).toEqual(ALIASES.map((t) => (t === 'stable' ? oldDigest : merged.digest)));
    const rerun = await applyTags(new RegistryClient(), { source, tags: ALIASES });
    expect(rerun.filter((u) => u.changed).map((u) => u.tag)).toEqual(['stable']);
  });

  it('does not retry a 4xx answer', async () => {
    const { repo } = await releasedRepository('forbidden');
    proxy.setRules([
      {
        method: 'PUT',
        action: {
          kind: 'status',
          status: 403,
          body: '{"errors":[{"code":"DENIED","message":"requested access to the resource is denied"}]}',
        },
      },
    ]);
    proxy.clearLog();
    const clock = recordingClock();
    await expect(publish(faultyClient(clock), repo)).rejects.toThrow(
      /PUT manifest 1\.2\.3 failed: HTTP 403 DENIED \(requested access to the resource is denied\); the credentials .* lack access/,
    );
    expect(proxy.log.filter((r) => r.method === 'PUT')).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });
});

describe('digest verification', () => {
  it.each([
    ['a platform manifest read by tag (Docker-Content-Digest check)', /\/manifests\/1\.2\.3-linux-amd64$/],
    ['the source manifest read by digest for aliases', /\/manifests\/sha256:/],
  ])('catches %s altered in transit, and moves no tag', async (_name, path) => {
    const { repo, oldDigest } = await releasedRepository('tamper');
    proxy.setRules([{ method: 'GET', path, action: { kind: 'tamper' } }]);
    const error = await publish(faultyClient(), repo).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegistryError);
    expect((error as Error).message).toMatch(
      /GET manifest (1\.2\.3-linux-amd64|sha256:\w+) failed: digest mismatch: expected sha256:\w+ but the manifest received hashes to sha256:\w+/,
    );
    proxy.setRules([]);
    const seen = await digestsSeenBySkopeo(repo);
    expect(seen.slice(1)).toEqual(Array(ALIASES.length).fill(oldDigest));
  });
});
