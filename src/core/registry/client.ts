/**
 * Our OCI distribution client: one object per run holding the authentication state (learned challenges, cached
 * tokens) for every registry it talks to. `fetch`, credentials, logger and clock are injected so the CLI, the
 * actions and the tests use the same code. The operations themselves live in manifest-/blob-operations.ts.
 */
import { silentLogger, type Logger } from '../shared/logger';
import { Authenticator } from './auth';
import {
  copyBlob,
  getBlob,
  headBlob,
  mountBlob,
  uploadBlob,
  type BlobCopyOutcome,
  type BlobUploadSettings,
} from './blob-operations';
import { anonymousCredentials, type CredentialProvider } from './credentials';
import type { FetchFunction } from './http';
import type { Descriptor } from './manifest';
import {
  deleteManifest,
  getManifest,
  headManifest,
  listTags,
  putManifest,
  type FetchedManifest,
  type ManifestInfo,
} from './manifest-operations';
import type { Reference, RepositoryRef } from './reference';
import { DEFAULT_RETRY_POLICY, systemClock, type Clock, type RetryPolicy } from './retry';
import { RegistryTransport } from './transport';

export interface RegistryClientOptions {
  /** Default: Node's global fetch. */
  fetch?: FetchFunction;
  credentials?: CredentialProvider;
  logger?: Logger;
  /** Registry hosts (with port) to reach over plain HTTP although they are not loopback. */
  insecureRegistries?: Iterable<string>;
  retry?: Partial<RetryPolicy>;
  clock?: Clock;
  /** A request fails when no byte arrives for this long (default 60 s). */
  idleTimeoutMs?: number;
  /** Blobs above this size are uploaded in chunks of this size (default 16 MiB). */
  chunkSize?: number;
  userAgent?: string;
}

export class RegistryClient {
  readonly transport: RegistryTransport;
  readonly authenticator: Authenticator;
  private readonly uploadSettings: BlobUploadSettings;

  constructor(options: RegistryClientOptions = {}) {
    const fetchFn = options.fetch ?? globalThis.fetch;
    const clock = options.clock ?? systemClock;
    const retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    const logger = options.logger ?? silentLogger;
    const idleTimeoutMs = options.idleTimeoutMs ?? 60_000;
    const userAgent = options.userAgent ?? 'image-manager';
    this.authenticator = new Authenticator({
      fetch: fetchFn,
      credentials: options.credentials ?? anonymousCredentials,
      clock,
      retry,
      logger,
      idleTimeoutMs,
      userAgent,
    });
    this.transport = new RegistryTransport({
      fetch: fetchFn,
      authenticator: this.authenticator,
      clock,
      retry,
      logger,
      insecureRegistries: new Set(options.insecureRegistries ?? []),
      idleTimeoutMs,
      userAgent,
    });
    this.uploadSettings = { chunkSize: options.chunkSize ?? 16 * 1024 * 1024, retry, clock };
  }

  /** Reads a manifest or index (by tag or digest), verified against its digest. */
  getManifest(ref: Reference): Promise<FetchedManifest> {
    return getManifest(this.transport, ref);
  }

  /** Digest, media type and size of a tag or digest; null when it does not exist. */
  headManifest(ref: Reference): Promise<ManifestInfo | null> {
    return headManifest(this.transport, ref);
  }

  /** Stores manifest bytes under `target`'s tag (or digest); returns their digest. */
  putManifest(target: Reference, bytes: Uint8Array, mediaType: string): Promise<{ digest: string }> {
    return putManifest(this.transport, target, bytes, mediaType);
  }

  /** Deletes a manifest by digest (every tag pointing at it goes too). */
  deleteManifest(ref: Reference): Promise<void> {
    return deleteManifest(this.transport, ref);
  }

  listTags(repo: RepositoryRef, pageSize?: number): Promise<string[]> {
    return listTags(this.transport, repo, pageSize);
  }

  headBlob(repo: RepositoryRef, digest: string): Promise<number | null> {
    return headBlob(this.transport, repo, digest);
  }

  getBlob(repo: RepositoryRef, digest: string): Promise<Uint8Array> {
    return getBlob(this.transport, repo, digest);
  }

  mountBlob(target: RepositoryRef, digest: string, from: RepositoryRef): Promise<boolean> {
    return mountBlob(this.transport, target, digest, from);
  }

  uploadBlob(target: RepositoryRef, digest: string, bytes: Uint8Array): Promise<void> {
    return uploadBlob(this.transport, target, digest, bytes, this.uploadSettings);
  }

  /** Makes a blob available in `target`: present already, mounted, or downloaded from `source` and uploaded. */
  copyBlob(source: RepositoryRef, target: RepositoryRef, blob: Descriptor): Promise<BlobCopyOutcome> {
    return copyBlob(this.transport, source, target, blob, this.uploadSettings);
  }
}
