import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { inspect } from 'node:util';
import type { RunningRegistry } from '../../../src/core/daemon/registry-daemon';
import { applyTags } from '../../../src/core/registry/apply-tags';
import { RegistryClient } from '../../../src/core/registry/client';
import { explicitCredentials } from '../../../src/core/registry/credentials';
import { sha256Digest } from '../../../src/core/registry/digest';
import { dockerConfigCredentials } from '../../../src/core/registry/docker-config-credentials';
import { RegistryError } from '../../../src/core/registry/errors';
import { mergePlatformImages } from '../../../src/core/registry/merge-platform-images';
import { parseReference, withDigest, withTag, type RepositoryRef } from '../../../src/core/registry/reference';
import { execProcess } from '../../../src/core/shared/exec';
import { MemoryLogger } from '../../../src/core/shared/logger';
import { clearRegisteredSecrets } from '../../../src/core/shared/redact';
import { seededBusybox, type SeededBusybox } from '../../support/busybox-image';
import { startFaultProxy } from '../../support/fault-proxy';
import { startHtpasswdRegistry } from '../../support/htpasswd-registry';
import { startTokenRegistry, startTokenServer, type TokenServer } from '../../support/token-server';
import { countingFetch, recordingClock, skopeoCopy, skopeoDigest, uniqueRepository } from './registry-test-kit';

jest.setTimeout(120_000);

const ALICE = { user: 'alice', password: 'alice-Pa55-htpasswd' };
const BOB = { user: 'bob', password: 'bob-Pa55-token' };

let seeded: SeededBusybox;
beforeAll(async () => {
  seeded = await seededBusybox();
});
afterEach(() => clearRegisteredSecrets());

/** Copies the seeded per-platform images into `registry` with skopeo, as `<repo>:1.0-linux-<arch>`. */
async function seedPlatforms(registry: string, creds: string): Promise<RepositoryRef> {
  const repository = uniqueRepository('auth/app');
  for (const arch of ['amd64', 'arm64'] as const) {
    await skopeoCopy(seeded.byArch[arch], `${registry}/${repository}:1.0-linux-${arch}`, {
      all: false,
      destCreds: creds,
    });
  }
  return { registry, repository };
}

async function publish(client: RegistryClient, repo: RepositoryRef, target: RepositoryRef = repo) {
  const merged = await mergePlatformImages(client, {
    target: withTag(target, '1.0'),
    platforms: [withTag(repo, '1.0-linux-amd64'), withTag(repo, '1.0-linux-arm64')],
  });
  await applyTags(client, { source: withDigest(target, merged.digest), tags: ['1', 'latest'] });
  return merged;
}

/** The error, its causes and everything inspect() would print: none may contain a secret. */
function expectNoSecrets(error: unknown, secrets: string[]): void {
  const text = `${String(error)}\n${inspect(error, { depth: 10 })}`;
  for (const secret of secrets) expect(text).not.toContain(secret);
  expect(text).not.toMatch(/authorization:\s*(basic|bearer)\s+[a-z0-9]/i);
}

describe('registry with htpasswd basic auth', () => {
  let registry: RunningRegistry;
  let repo: RepositoryRef;
  beforeAll(async () => {
    registry = await startHtpasswdRegistry(ALICE.user, ALICE.password);
    repo = await seedPlatforms(registry.address, `${ALICE.user}:${ALICE.password}`);
  });
  const creds = () => explicitCredentials([{ url: registry.address, username: ALICE.user, password: ALICE.password }]);

  it('publishes with configured credentials', async () => {
    const merged = await publish(new RegistryClient({ credentials: creds() }), repo);
    for (const tag of ['1.0', '1', 'latest']) {
      expect(
        await skopeoDigest(`${registry.address}/${repo.repository}:${tag}`, {
          creds: `${ALICE.user}:${ALICE.password}`,
        }),
      ).toBe(merged.digest);
    }
  });

  it('publishes with credentials from a Docker config file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'im-docker-config-'));
    try {
      const auth = Buffer.from(`${ALICE.user}:${ALICE.password}`).toString('base64');
      writeFileSync(
        path.join(dir, 'config.json'),
        JSON.stringify({ auths: { [`http://${registry.address}`]: { auth } } }),
      );
      const credentials = dockerConfigCredentials({
        exec: execProcess,
        logger: new MemoryLogger(),
        env: { DOCKER_CONFIG: dir },
      });
      const merged = await publish(new RegistryClient({ credentials }), repo);
      expect(
        await skopeoDigest(`${registry.address}/${repo.repository}:1.0`, { creds: `${ALICE.user}:${ALICE.password}` }),
      ).toBe(merged.digest);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails a wrong password with a clear 401, once, without showing the password', async () => {
    const wrong = 'wrong-Secret-999';
    const counting = countingFetch();
    const clock = recordingClock();
    const client = new RegistryClient({
      fetch: counting.fetch,
      clock,
      credentials: explicitCredentials([{ url: registry.address, username: ALICE.user, password: wrong }]),
    });
    const error = await client.getManifest(withTag(repo, '1.0-linux-amd64')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegistryError);
    expect((error as RegistryError).status).toBe(401);
    expect((error as Error).message).toBe(
      `registry ${registry.address}/${repo.repository}: GET manifest 1.0-linux-amd64 failed: HTTP 401 UNAUTHORIZED (authentication required); the registry refused the credentials for ${registry.address}; check the user name and password or token`,
    );
    // One anonymous request to learn the challenge, one with the password; no retry, no wait.
    expect(counting.requests.map((r) => r.authorization?.split(' ')[0] ?? 'anonymous')).toEqual(['anonymous', 'Basic']);
    expect(clock.sleeps).toEqual([]);
    expectNoSecrets(error, [wrong, Buffer.from(`${ALICE.user}:${wrong}`).toString('base64')]);
  });

  it('follows a blob redirect to another host without sending the credentials there', async () => {
    // Registries redirect blob downloads to storage (S3, a CDN): the password must stay with the registry.
    const seen: Array<string | undefined> = [];
    const basic = `Basic ${Buffer.from(`${ALICE.user}:${ALICE.password}`).toString('base64')}`;
    const storage = createServer((req, res) => {
      seen.push(req.headers.authorization);
      void fetch(`http://${registry.address}${req.url}`, { headers: { Authorization: basic } }).then(async (r) => {
        res.writeHead(r.status);
        res.end(Buffer.from(await r.arrayBuffer()));
      });
    });
    await new Promise<void>((resolve) => storage.listen(0, '127.0.0.1', resolve));
    const proxy = await startFaultProxy(registry.address);
    try {
      const storageOrigin = `http://127.0.0.1:${(storage.address() as { port: number }).port}`;
      const client = new RegistryClient({
        credentials: explicitCredentials([{ url: proxy.address, username: ALICE.user, password: ALICE.password }]),
      });
      const viaProxy = { registry: proxy.address, repository: repo.repository };
      const manifest = await client.getManifest(withTag(viaProxy, '1.0-linux-amd64'));
      if (manifest.parsed.kind !== 'image') throw new Error('expected an image manifest');
      const layer = manifest.parsed.manifest.layers[0].digest;
      const blobPath = `/v2/${repo.repository}/blobs/${layer}`;
      proxy.setRules([
        {
          method: 'GET',
          path: /\/blobs\//,
          action: { kind: 'status', status: 307, headers: { Location: `${storageOrigin}${blobPath}` } },
        },
      ]);
      const bytes = await client.getBlob(viaProxy, layer);
      expect(sha256Digest(bytes)).toBe(layer);
      expect(seen).toEqual([undefined]);
      expect(proxy.log.find((r) => r.path === blobPath)).toBeDefined();
    } finally {
      await proxy.close();
      storage.close();
    }
  });

  it('says where to put credentials when there are none', async () => {
    const error = await new RegistryClient().getManifest(withTag(repo, '1.0-linux-amd64')).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(
      /HTTP 401 UNAUTHORIZED .*; no credentials for 127\.0\.0\.1:\d+: add them to \.image-manager\.yml registries, run docker login, or set the CI registry variables$/,
    );
  });

  it('uploads blobs when platform images live on another registry', async () => {
    const target = { registry: registry.address, repository: uniqueRepository('auth/copied') };
    const source = parseReference(seeded.byArch.amd64);
    const result = await mergePlatformImages(new RegistryClient({ credentials: creds() }), {
      target: withTag(target, '1.0'),
      platforms: [source, parseReference(seeded.byArch.arm64)],
    });
    expect(result.transfers).toEqual({ blobsMounted: 0, blobsUploaded: 4, manifestsCopied: 2 });
    expect(
      await skopeoDigest(`${registry.address}/${target.repository}:1.0`, { creds: `${ALICE.user}:${ALICE.password}` }),
    ).toBe(result.digest);
    expect(result.platforms.map((p) => p.digest)).toEqual([
      await skopeoDigest(seeded.byArch.amd64),
      await skopeoDigest(seeded.byArch.arm64),
    ]);
  });
});

describe('registry with bearer token auth', () => {
  let tokens: TokenServer;
  let registry: RunningRegistry;
  let repo: RepositoryRef;
  beforeAll(async () => {
    tokens = await startTokenServer({ users: { [BOB.user]: BOB.password } });
    registry = await startTokenRegistry(tokens);
    repo = await seedPlatforms(registry.address, `${BOB.user}:${BOB.password}`);
  });
  afterAll(() => tokens.close());
  const creds = (password = BOB.password) =>
    explicitCredentials([{ url: registry.address, username: BOB.user, password }]);

  it('publishes with tokens fetched once per scope and reused until they expire', async () => {
    let now = Date.now();
    const clock = { ...recordingClock(), now: () => now };
    const client = new RegistryClient({ credentials: creds(), clock });
    tokens.requests.length = 0;
    const merged = await publish(client, repo);
    expect(tokens.requests).toEqual([
      { scopes: [`repository:${repo.repository}:pull`], user: BOB.user, status: 200 },
      { scopes: [`repository:${repo.repository}:pull,push`], user: BOB.user, status: 200 },
    ]);
    await publish(client, repo);
    await client.getManifest(withTag(repo, 'latest'));
    expect(tokens.requests).toHaveLength(2);
    expect(client.authenticator.tokenRequests).toBe(2);

    now += 10 * 60 * 1000; // past the tokens' 300 s lifetime
    await client.getManifest(withTag(repo, 'latest'));
    expect(tokens.requests).toHaveLength(3);
    expect(
      await skopeoDigest(`${registry.address}/${repo.repository}:latest`, { creds: `${BOB.user}:${BOB.password}` }),
    ).toBe(merged.digest);
  });

  it('asks for push on the target and pull on the source in one token to mount across repositories', async () => {
    const target = { registry: registry.address, repository: uniqueRepository('auth/mounted') };
    const client = new RegistryClient({ credentials: creds() });
    tokens.requests.length = 0;
    const merged = await publish(client, repo, target);
    expect(merged.transfers).toEqual({ blobsMounted: 4, blobsUploaded: 0, manifestsCopied: 2 });
    expect(tokens.requests.map((r) => r.scopes)).toContainEqual([
      `repository:${repo.repository}:pull`,
      `repository:${target.repository}:pull,push`,
    ]);
    expect(
      await skopeoDigest(`${registry.address}/${target.repository}:1`, { creds: `${BOB.user}:${BOB.password}` }),
    ).toBe(merged.digest);
  });

  it('fails a wrong password at the token server once, clearly, without showing it', async () => {
    const wrong = 'not-Bob-Secret-000';
    tokens.requests.length = 0;
    const clock = recordingClock();
    const error = await new RegistryClient({ credentials: creds(wrong), clock })
      .getManifest(withTag(repo, '1.0-linux-amd64'))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegistryError);
    expect((error as Error).message).toBe(
      `registry ${registry.address}: get an access token from ${new URL(tokens.realm).host} failed: HTTP 401; the token server rejected the credentials for ${registry.address}; check the user name and password`,
    );
    expect(tokens.requests).toEqual([{ scopes: [`repository:${repo.repository}:pull`], status: 401 }]);
    expect(clock.sleeps).toEqual([]);
    expectNoSecrets(error, [wrong, Buffer.from(`${BOB.user}:${wrong}`).toString('base64')]);
  });

  it('fails anonymous access when the token server requires credentials, saying where to add them', async () => {
    const client = new RegistryClient();
    const error = await client.getManifest(withTag(repo, '1.0-linux-amd64')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegistryError);
    expect((error as Error).message).toMatch(
      /get an access token from .* failed: HTTP 401; no credentials for 127\.0\.0\.1:\d+/,
    );
  });
});
