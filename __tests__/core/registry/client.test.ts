import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { RegistryClient } from '../../../src/core/registry/client';
import { sha256Digest } from '../../../src/core/registry/digest';
import { RegistryError } from '../../../src/core/registry/errors';
import { MediaType } from '../../../src/core/registry/manifest';
import { parseReference, withDigest, withTag, type RepositoryRef } from '../../../src/core/registry/reference';
import { seededBusybox, type SeededBusybox } from '../../support/busybox-image';
import { containersEnv } from '../../support/containers-env';
import { startRegistryWithoutDelete } from '../../support/htpasswd-registry';
import { countingFetch, skopeoCopy, skopeoDigest, skopeoRaw, uniqueRepository } from './registry-test-kit';

jest.setTimeout(120_000);

let seeded: SeededBusybox;
let registry: string;
beforeAll(async () => {
  seeded = await seededBusybox();
  registry = seeded.registry;
});

const repo = (prefix: string): RepositoryRef => ({ registry, repository: uniqueRepository(`client/${prefix}`) });

describe('manifests', () => {
  it('reads an OCI index and an OCI manifest byte for byte as skopeo sees them', async () => {
    const client = new RegistryClient();
    for (const ref of [seeded.multi, seeded.byArch.amd64]) {
      const fetched = await client.getManifest(parseReference(ref));
      expect(Buffer.from(fetched.bytes).equals((await skopeoRaw(ref))!)).toBe(true);
      expect(fetched.digest).toBe(await skopeoDigest(ref));
    }
    const index = await client.getManifest(parseReference(seeded.multi));
    expect(index.mediaType).toBe(MediaType.OciIndex);
    expect(index.parsed.kind).toBe('index');
  });

  it('reads Docker schema 2 manifests and manifest lists without conversion', async () => {
    const target = repo('docker');
    await skopeoCopy(seeded.byArch.amd64, `${registry}/${target.repository}:v2s2`, { format: 'v2s2', all: false });
    await skopeoCopy(seeded.multi, `${registry}/${target.repository}:list`, { format: 'v2s2' });
    const client = new RegistryClient();
    const single = await client.getManifest(withTag(target, 'v2s2'));
    expect(single.mediaType).toBe(MediaType.DockerManifest);
    expect(single.digest).toBe(await skopeoDigest(`${registry}/${target.repository}:v2s2`));
    const list = await client.getManifest(withTag(target, 'list'));
    expect(list.mediaType).toBe(MediaType.DockerManifestList);
    expect(list.digest).toBe(await skopeoDigest(`${registry}/${target.repository}:list`));
    const byDigest = await client.getManifest(withDigest(target, list.digest));
    expect(Buffer.from(byDigest.bytes).equals(Buffer.from(list.bytes))).toBe(true);
  });

  it('answers HEAD with digest, media type and size, and null for a missing tag', async () => {
    const client = new RegistryClient();
    const ref = parseReference(seeded.byArch.arm64);
    const info = await client.headManifest(ref);
    expect(info).toEqual({
      digest: await skopeoDigest(seeded.byArch.arm64),
      mediaType: MediaType.OciManifest,
      size: (await skopeoRaw(seeded.byArch.arm64))!.length,
    });
    expect(await client.headManifest({ ...ref, tag: 'no-such-tag' })).toBeNull();
  });

  it('explains a missing image with the registry error code', async () => {
    const client = new RegistryClient();
    const error = await client.getManifest({ ...parseReference(seeded.multi), tag: 'nope' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegistryError);
    expect((error as RegistryError).status).toBe(404);
    expect((error as Error).message).toBe(
      `registry ${registry}/test/busybox: GET manifest nope failed: HTTP 404 MANIFEST_UNKNOWN (manifest unknown); the image nope does not exist in ${registry}/test/busybox`,
    );
  });

  it('refuses to PUT bytes under a digest they do not have, before sending anything', async () => {
    const counting = countingFetch();
    const client = new RegistryClient({ fetch: counting.fetch });
    const bytes = (await skopeoRaw(seeded.byArch.amd64))!;
    const wrong = withDigest(repo('wrong'), `sha256:${'0'.repeat(64)}`);
    await expect(client.putManifest(wrong, bytes, MediaType.OciManifest)).rejects.toThrow(
      /PUT manifest sha256:0+ failed: the manifest bytes do not hash to sha256:0+/,
    );
    expect(counting.requests).toEqual([]);
  });

  it('lists every tag of a real repository, sorted (distribution 2.8 ignores n and returns one page)', async () => {
    const target = repo('tags');
    const client = new RegistryClient();
    const source = await client.getManifest(parseReference(seeded.byArch.amd64));
    if (source.parsed.kind !== 'image') throw new Error('expected an image manifest');
    for (const blob of [source.parsed.manifest.config, ...source.parsed.manifest.layers]) {
      expect(await client.mountBlob(target, blob.digest, source.reference)).toBe(true);
    }
    for (const tag of ['e', 'a', 'd', 'b', 'c']) {
      await client.putManifest(withTag(target, tag), source.bytes, source.mediaType);
    }
    expect(await client.listTags(target, 2)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(await client.listTags({ registry, repository: 'client/never-pushed' })).toEqual([]);
  });

  it('follows Link rel="next" pages as registries implementing tag pagination send them', async () => {
    // distribution 2.8 cannot page tags, so this server follows the spec's n/last/Link rules over a real socket.
    const all = ['1', '1.2', '1.2.3', '2', 'latest'];
    const server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const n = Number(url.searchParams.get('n') ?? all.length);
      const last = url.searchParams.get('last');
      const rest = last === null ? all : all.filter((t) => t > last);
      const page = rest.slice(0, n);
      const headers: Record<string, string> = { 'Content-Type': 'application/json' };
      if (rest.length > n) headers.Link = `<${url.pathname}?n=${n}&last=${page[page.length - 1]}>; rel="next"`;
      res.writeHead(200, headers);
      res.end(JSON.stringify({ name: 'paged/app', tags: page }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const counting = countingFetch();
      const client = new RegistryClient({ fetch: counting.fetch });
      const address = `127.0.0.1:${(server.address() as { port: number }).port}`;
      expect(await client.listTags({ registry: address, repository: 'paged/app' }, 2)).toEqual(all);
      expect(counting.requests.map((r) => new URL(r.url).search)).toEqual(['?n=2', '?n=2&last=1.2', '?n=2&last=2']);
    } finally {
      server.close();
    }
  });

  it('deletes a manifest by digest, and explains a registry that forbids it', async () => {
    const target = repo('delete');
    await skopeoCopy(seeded.byArch.amd64, `${registry}/${target.repository}:gone`, { all: false });
    const client = new RegistryClient();
    const digest = (await client.headManifest(withTag(target, 'gone')))!.digest;
    await client.deleteManifest(withDigest(target, digest));
    expect(await skopeoRaw(`${registry}/${target.repository}:gone`)).toBeNull();

    const strict = await startRegistryWithoutDelete();
    await skopeoCopy(seeded.byArch.amd64, `${strict.address}/keep:1`, { all: false });
    const error = await client
      .deleteManifest({ registry: strict.address, repository: 'keep', digest })
      .catch((e: unknown) => e as RegistryError);
    expect(error).toBeInstanceOf(RegistryError);
    expect((error as RegistryError).status).toBe(405);
    expect((error as Error).message).toMatch(
      /DELETE manifest sha256:\w+ failed: HTTP 405 UNSUPPORTED .*does not allow deleting manifests \(the distribution registry needs storage\.delete\.enabled: true\)/,
    );
    expect(await skopeoDigest(`${strict.address}/keep:1`)).toBe(digest);
  });

  it('speaks plain HTTP only to loopback and insecure registries', () => {
    const client = new RegistryClient({ insecureRegistries: ['registry.internal:5000'] });
    expect(client.transport.baseUrl('127.0.0.1:5050')).toBe('http://127.0.0.1:5050');
    expect(client.transport.baseUrl('localhost:5000')).toBe('http://localhost:5000');
    expect(client.transport.baseUrl('registry.internal:5000')).toBe('http://registry.internal:5000');
    expect(client.transport.baseUrl('registry.internal:5001')).toBe('https://registry.internal:5001');
    expect(client.transport.baseUrl('ghcr.io')).toBe('https://ghcr.io');
    expect(client.transport.baseUrl('docker.io')).toBe('https://registry-1.docker.io');
  });
});

describe('blobs', () => {
  it('answers HEAD and GET for blobs, verified by digest', async () => {
    const client = new RegistryClient();
    const ref = parseReference(seeded.byArch.amd64);
    const manifest = await client.getManifest(ref);
    if (manifest.parsed.kind !== 'image') throw new Error('expected an image manifest');
    const layer = manifest.parsed.manifest.layers[0];
    expect(await client.headBlob(ref, layer.digest)).toBe(layer.size);
    const bytes = await client.getBlob(ref, layer.digest);
    expect(sha256Digest(bytes)).toBe(layer.digest);
    expect(await client.headBlob(ref, `sha256:${'f'.repeat(64)}`)).toBeNull();
  });

  it('mounts a blob from another repository without sending its bytes', async () => {
    const counting = countingFetch();
    const client = new RegistryClient({ fetch: counting.fetch });
    const source = parseReference(seeded.byArch.arm64);
    const manifest = await client.getManifest(source);
    if (manifest.parsed.kind !== 'image') throw new Error('expected an image manifest');
    const layer = manifest.parsed.manifest.layers[0];
    const target = repo('mount');
    expect(await client.copyBlob(source, target, layer)).toBe('mounted');
    expect(await client.copyBlob(source, target, layer)).toBe('present');
    expect(await client.headBlob(target, layer.digest)).toBe(layer.size);
    expect(counting.requests.some((r) => r.method === 'PATCH' || r.method === 'PUT')).toBe(false);
  });

  it('uploads monolithically and in chunks; skopeo pulls the result and verifies every digest', async () => {
    const counting = countingFetch();
    const client = new RegistryClient({ fetch: counting.fetch, chunkSize: 64 * 1024 });
    const target = repo('upload');
    const layer = randomBytes(300 * 1024);
    const layerDigest = sha256Digest(layer);
    const config = Buffer.from(
      JSON.stringify({
        architecture: 'amd64',
        os: 'linux',
        rootfs: { type: 'layers', diff_ids: [layerDigest] },
        config: {},
      }),
    );
    await client.uploadBlob(target, layerDigest, layer);
    await client.uploadBlob(target, sha256Digest(config), config);
    expect(counting.requests.filter((r) => r.method === 'PATCH')).toHaveLength(5);
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MediaType.OciManifest,
        config: { mediaType: MediaType.OciConfig, digest: sha256Digest(config), size: config.length },
        layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: layerDigest, size: layer.length }],
      }),
    );
    const { digest } = await client.putManifest(withTag(target, 'up'), manifest, MediaType.OciManifest);
    expect(await skopeoDigest(`${registry}/${target.repository}:up`)).toBe(digest);
    const out = mkdtempSync(path.join(tmpdir(), 'im-skopeo-dir-'));
    try {
      execFileSync(
        'skopeo',
        ['copy', '-q', '--src-tls-verify=false', `docker://${registry}/${target.repository}:up`, `dir:${out}`],
        {
          env: containersEnv(),
        },
      );
      const pulled = readFileSync(path.join(out, layerDigest.slice('sha256:'.length)));
      expect(createHash('sha256').update(pulled).digest('hex')).toBe(layerDigest.slice('sha256:'.length));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
