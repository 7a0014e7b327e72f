/**
 * Blob endpoints: HEAD, GET (digest-verified), cross-repository mount and upload (monolithic, or chunked PATCHes
 * for big blobs), and a copy that picks the cheapest of "already there", "mount" and "download + upload".
 * An upload that fails midway restarts with a fresh session, since a half-written session cannot be resumed.
 */
import { digestMatches } from './digest';
import { RegistryError, withAttempts } from './errors';
import type { Descriptor } from './manifest';
import { sameRepository, type RepositoryRef } from './reference';
import {
  isRetryableError,
  isRetryableStatus,
  RetriesExhaustedError,
  withRetry,
  type Clock,
  type RetryPolicy,
} from './retry';
import type { RegistryTransport } from './transport';

export type BlobCopyOutcome = 'present' | 'mounted' | 'uploaded';

export interface BlobUploadSettings {
  /** Blobs up to this size go in one PUT; bigger ones in PATCH chunks of this size. */
  chunkSize: number;
  retry: RetryPolicy;
  clock: Clock;
}

const pull = (repository: string) => ({ repository, actions: ['pull' as const] });
const push = (repository: string) => ({ repository, actions: ['pull' as const, 'push' as const] });

/** The blob's size, or null when the repository does not have it. */
export async function headBlob(
  transport: RegistryTransport,
  repo: RepositoryRef,
  digest: string,
): Promise<number | null> {
  const response = await transport.send({
    registry: repo.registry,
    repository: repo.repository,
    operation: `HEAD blob ${digest}`,
    method: 'HEAD',
    path: `/v2/${repo.repository}/blobs/${digest}`,
    scopes: [pull(repo.repository)],
    expect: [200, 404],
  });
  return response.status === 404 ? null : Number(response.headers.get('content-length') ?? 0);
}

export async function getBlob(transport: RegistryTransport, repo: RepositoryRef, digest: string): Promise<Uint8Array> {
  const operation = `GET blob ${digest}`;
  const response = await transport.send({
    registry: repo.registry,
    repository: repo.repository,
    operation,
    method: 'GET',
    path: `/v2/${repo.repository}/blobs/${digest}`,
    scopes: [pull(repo.repository)],
    expect: [200],
  });
  if (!digestMatches(digest, response.body)) {
    throw new RegistryError({
      registry: repo.registry,
      repository: repo.repository,
      operation,
      reason: 'digest mismatch: the content received does not hash to the digest asked for',
    });
  }
  return response.body;
}

/** Mounts a blob from another repository of the same registry: true when mounted, false when not possible. */
export async function mountBlob(
  transport: RegistryTransport,
  target: RepositoryRef,
  digest: string,
  from: RepositoryRef,
): Promise<boolean> {
  const query = new URLSearchParams({ mount: digest, from: from.repository });
  const response = await transport.send({
    registry: target.registry,
    repository: target.repository,
    operation: `mount blob ${digest} from ${from.repository}`,
    method: 'POST',
    path: `/v2/${target.repository}/blobs/uploads/?${query.toString()}`,
    scopes: [push(target.repository), pull(from.repository)],
    expect: [201, 202],
  });
  if (response.status === 201) return true;
  // 202: the registry opened an upload session instead; close it so it does not linger.
  const location = response.headers.get('location');
  if (location) await cancelUpload(transport, target, location);
  return false;
}

/** Uploads blob bytes; each attempt starts a new upload session (after checking whether an earlier one landed). */
export async function uploadBlob(
  transport: RegistryTransport,
  target: RepositoryRef,
  digest: string,
  bytes: Uint8Array,
  settings: BlobUploadSettings,
): Promise<void> {
  if (!digestMatches(digest, bytes)) throw new Error(`uploadBlob: the bytes given do not hash to ${digest}`);
  try {
    await withRetry(
      async (attempt) => {
        if (attempt > 1 && (await headBlob(transport, target, digest)) !== null) return; // an earlier try landed
        let location = await startUpload(transport, target);
        const monolithic = bytes.byteLength <= settings.chunkSize;
        let offset = 0;
        while (!monolithic && offset < bytes.byteLength) {
          const chunk = bytes.subarray(offset, Math.min(offset + settings.chunkSize, bytes.byteLength));
          location = await sendChunk(transport, target, digest, location, chunk, offset);
          offset += chunk.byteLength;
        }
        await finishUpload(transport, target, digest, location, monolithic ? bytes : undefined);
      },
      { policy: settings.retry, clock: settings.clock, isRetryable: isRetryableUploadError },
    );
  } catch (error) {
    if (error instanceof RetriesExhaustedError && error.lastError instanceof RegistryError) {
      throw withAttempts(error.lastError, error.attempts);
    }
    throw error;
  }
}

/**
 * Makes `digest` available in `target`: nothing to do when it is there, a mount when it lives in the same
 * registry, else a download from `source` and an upload. Returns what was done.
 */
export async function copyBlob(
  transport: RegistryTransport,
  source: RepositoryRef,
  target: RepositoryRef,
  blob: Descriptor,
  settings: BlobUploadSettings,
): Promise<BlobCopyOutcome> {
  if (sameRepository(source, target) || (await headBlob(transport, target, blob.digest)) !== null) return 'present';
  if (source.registry === target.registry && (await mountBlob(transport, target, blob.digest, source))) {
    return 'mounted';
  }
  const bytes = await getBlob(transport, source, blob.digest);
  await uploadBlob(transport, target, blob.digest, bytes, settings);
  return 'uploaded';
}

function isRetryableUploadError(error: unknown): boolean {
  if (error instanceof RegistryError && error.status !== undefined) {
    // 404/416 on a session: it expired or lost our bytes; a new session fixes both.
    return isRetryableStatus(error.status) || error.status === 404 || error.status === 416;
  }
  return isRetryableError(error);
}

async function startUpload(transport: RegistryTransport, target: RepositoryRef): Promise<string> {
  const response = await transport.send({
    registry: target.registry,
    repository: target.repository,
    operation: 'start blob upload',
    method: 'POST',
    path: `/v2/${target.repository}/blobs/uploads/`,
    headers: { 'Content-Length': '0' },
    scopes: [push(target.repository)],
    expect: [202],
  });
  return requireLocation(response.headers.get('location'), target, 'start blob upload');
}

async function sendChunk(
  transport: RegistryTransport,
  target: RepositoryRef,
  digest: string,
  location: string,
  chunk: Uint8Array,
  offset: number,
): Promise<string> {
  const operation = `upload blob ${digest} bytes ${offset}-${offset + chunk.byteLength - 1}`;
  const response = await transport.send({
    registry: target.registry,
    repository: target.repository,
    operation,
    method: 'PATCH',
    path: location,
    headers: {
      'Content-Type': 'application/octet-stream',
      'Content-Range': `${offset}-${offset + chunk.byteLength - 1}`,
    },
    body: chunk,
    scopes: [push(target.repository)],
    expect: [202],
    retry: false,
  });
  return requireLocation(response.headers.get('location'), target, operation);
}

async function finishUpload(
  transport: RegistryTransport,
  target: RepositoryRef,
  digest: string,
  location: string,
  body: Uint8Array | undefined,
): Promise<void> {
  const url = new URL(location, transport.baseUrl(target.registry));
  url.searchParams.set('digest', digest);
  await transport.send({
    registry: target.registry,
    repository: target.repository,
    operation: `upload blob ${digest}`,
    method: 'PUT',
    path: url.toString(),
    headers: { 'Content-Type': 'application/octet-stream' },
    body: body ?? new Uint8Array(0),
    scopes: [push(target.repository)],
    expect: [201, 204],
    retry: false,
  });
}

async function cancelUpload(transport: RegistryTransport, target: RepositoryRef, location: string): Promise<void> {
  try {
    await transport.send({
      registry: target.registry,
      repository: target.repository,
      operation: 'cancel blob upload',
      method: 'DELETE',
      path: location,
      scopes: [push(target.repository)],
      expect: [200, 202, 204, 404],
      retry: false,
    });
  } catch {
    // Registries expire abandoned sessions on their own; a failed cancel changes nothing.
  }
}

function requireLocation(location: string | null, target: RepositoryRef, operation: string): string {
  if (!location) {
    throw new RegistryError({
      registry: target.registry,
      repository: target.repository,
      operation,
      reason: 'the registry answered without a Location header',
    });
  }
  return location;
}
