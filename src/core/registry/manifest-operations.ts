/**
 * Manifest endpoints of the distribution API: HEAD, GET, PUT and DELETE, plus tag listing. Every manifest read
 * by digest and every manifest written is checked against its sha256, and so is the `Docker-Content-Digest` the
 * registry reports, so what we re-publish is exactly what was built.
 */
import { digestLike, digestMatches, sha256Digest } from './digest';
import { RegistryError } from './errors';
import { MANIFEST_ACCEPT, parseManifest, type ParsedManifest } from './manifest';
import { manifestReference, type Reference, type RepositoryRef } from './reference';
import type { RegistryTransport } from './transport';

export interface FetchedManifest {
  reference: Reference;
  digest: string;
  mediaType: string;
  bytes: Uint8Array;
  parsed: ParsedManifest;
}

export interface ManifestInfo {
  digest: string;
  mediaType: string;
  size: number;
}

const pull = (repository: string) => [{ repository, actions: ['pull' as const] }];
const push = (repository: string) => [{ repository, actions: ['pull' as const, 'push' as const] }];

function manifestPath(repository: string, reference: string): string {
  return `/v2/${repository}/manifests/${reference}`;
}

export async function getManifest(transport: RegistryTransport, ref: Reference): Promise<FetchedManifest> {
  const reference = manifestReference(ref);
  const context = { registry: ref.registry, repository: ref.repository, operation: `GET manifest ${reference}` };
  const response = await transport.send({
    ...context,
    method: 'GET',
    path: manifestPath(ref.repository, reference),
    headers: { Accept: MANIFEST_ACCEPT },
    scopes: pull(ref.repository),
    expect: [200],
    hints: { 404: `the image ${reference} does not exist in ${ref.registry}/${ref.repository}` },
  });
  const bytes = response.body;
  const reported = response.headers.get('docker-content-digest') ?? undefined;
  const expected = ref.digest ?? reported;
  const digest = expected ? digestLike(expected, bytes) : sha256Digest(bytes);
  if (expected && digest !== expected) {
    throw new RegistryError({
      ...context,
      reason: `digest mismatch: expected ${expected} but the manifest received hashes to ${digest} (altered by the registry or in transit); refusing to use it`,
    });
  }
  let parsed: ParsedManifest;
  try {
    parsed = parseManifest(bytes, response.headers.get('content-type') ?? undefined);
  } catch (error) {
    throw new RegistryError({ ...context, reason: (error as Error).message });
  }
  return { reference: ref, digest, mediaType: parsed.mediaType, bytes, parsed };
}

/** Digest, media type and size of a manifest, or null when the tag/digest does not exist. */
export async function headManifest(transport: RegistryTransport, ref: Reference): Promise<ManifestInfo | null> {
  const reference = manifestReference(ref);
  const response = await transport.send({
    registry: ref.registry,
    repository: ref.repository,
    operation: `HEAD manifest ${reference}`,
    method: 'HEAD',
    path: manifestPath(ref.repository, reference),
    headers: { Accept: MANIFEST_ACCEPT },
    scopes: pull(ref.repository),
    expect: [200, 404],
  });
  if (response.status === 404) return null;
  const digest = response.headers.get('docker-content-digest');
  const mediaType = response.headers.get('content-type')?.split(';')[0].trim();
  const size = Number(response.headers.get('content-length'));
  if (digest && mediaType && Number.isFinite(size)) {
    if (ref.digest && digest !== ref.digest) {
      throw new RegistryError({
        registry: ref.registry,
        repository: ref.repository,
        operation: `HEAD manifest ${reference}`,
        reason: `the registry reports digest ${digest} for ${ref.digest}`,
      });
    }
    return { digest, mediaType, size };
  }
  // Some registries omit the digest on HEAD: fall back to reading (and hashing) the manifest.
  const fetched = await getManifest(transport, ref);
  return { digest: fetched.digest, mediaType: fetched.mediaType, size: fetched.bytes.byteLength };
}

/**
 * Stores manifest bytes under a tag or digest. The registry must store them unmodified, so the digest it reports
 * has to be ours; anything else means the bytes were altered and the tag points at something we did not build.
 */
export async function putManifest(
  transport: RegistryTransport,
  target: Reference,
  bytes: Uint8Array,
  mediaType: string,
): Promise<{ digest: string }> {
  const digest = sha256Digest(bytes);
  const reference = target.tag ?? target.digest ?? digest;
  const context = { registry: target.registry, repository: target.repository, operation: `PUT manifest ${reference}` };
  if (target.digest && !digestMatches(target.digest, bytes)) {
    throw new RegistryError({ ...context, reason: `the manifest bytes do not hash to ${target.digest}` });
  }
  const response = await transport.send({
    ...context,
    method: 'PUT',
    path: manifestPath(target.repository, reference),
    headers: { 'Content-Type': mediaType },
    body: bytes,
    scopes: push(target.repository),
    expect: [200, 201, 202],
    hints: {
      400: 'the registry rejected the manifest (an unsupported media type or a malformed manifest)',
      404: 'a manifest or blob it references is missing from the repository',
    },
  });
  const reported = response.headers.get('docker-content-digest');
  if (reported && reported !== digest) {
    throw new RegistryError({
      ...context,
      reason: `the registry stored the manifest as ${reported}, not as the ${digest} we sent`,
    });
  }
  return { digest };
}

/** Deletes a manifest by digest (this removes every tag pointing at it). */
export async function deleteManifest(transport: RegistryTransport, ref: Reference): Promise<void> {
  if (!ref.digest) throw new Error('deleteManifest needs a reference by digest; resolve the tag first');
  await transport.send({
    registry: ref.registry,
    repository: ref.repository,
    operation: `DELETE manifest ${ref.digest}`,
    method: 'DELETE',
    path: manifestPath(ref.repository, ref.digest),
    scopes: [{ repository: ref.repository, actions: ['delete'] }],
    expect: [200, 202, 204],
    hints: {
      404: 'the manifest does not exist (already deleted?)',
      405: `${ref.registry} does not allow deleting manifests (the distribution registry needs storage.delete.enabled: true)`,
    },
  });
}

/**
 * All tags of a repository, following `Link: <…>; rel="next"` pages, sorted and without duplicates (the spec asks
 * registries to sort, but distribution 2.8 pages in storage order). An unknown repository has no tags.
 */
export async function listTags(transport: RegistryTransport, repo: RepositoryRef, pageSize = 1000): Promise<string[]> {
  const tags: string[] = [];
  let next: string | undefined = `/v2/${repo.repository}/tags/list?n=${pageSize}`;
  for (let page = 0; next && page < 10_000; page++) {
    const response = await transport.send({
      registry: repo.registry,
      repository: repo.repository,
      operation: 'list tags',
      method: 'GET',
      path: next,
      scopes: pull(repo.repository),
      expect: [200, 404],
    });
    if (response.status === 404) break;
    const json = JSON.parse(Buffer.from(response.body).toString('utf8')) as { tags?: string[] | null };
    tags.push(...(json.tags ?? []));
    next = nextLink(response.headers.get('link'));
  }
  return [...new Set(tags)].sort();
}

/** The `rel="next"` target of an RFC 8288 Link header. */
export function nextLink(header: string | null): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /<([^>]*)>\s*;(.*)$/.exec(part.trim());
    if (match && /\brel\s*=\s*"?next"?/i.test(match[2])) return match[1];
  }
  return undefined;
}
