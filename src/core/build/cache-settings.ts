/**
 * Where a build imports its layer cache from and exports it to. The caller gives every image × tag × platform its
 * own `scope` (the PoC used one scope per image, so tags of the same image evicted each other's cache, B30).
 */
import { createHash } from 'node:crypto';
import { formatRepository, parseReference } from '../registry/reference';
import { UsageError } from '../shared/errors';
import type { BuilderKind } from './types';

export interface RegistryCache {
  type: 'registry';
  /** Repository without tag, e.g. `ghcr.io/owner/cache`; BuildKit stores `<ref>:<scope>`, buildah one tag per step. */
  ref: string;
  scope: string;
}

export interface S3Cache {
  type: 's3';
  /** Custom endpoint (MinIO, Garage, R2 …); AWS when absent. */
  endpoint?: string;
  bucket: string;
  region: string;
  /** Explicit credentials; otherwise the standard AWS credential chain (AWS_ACCESS_KEY_ID …) applies. */
  accessKeyId?: string;
  secretAccessKey?: string;
  usePathStyle: boolean;
  scope: string;
}

export interface GhaCache {
  type: 'gha';
  /** Cache service URL; BuildKit falls back to $ACTIONS_CACHE_URL. */
  url?: string;
  /** Runtime token; BuildKit falls back to $ACTIONS_RUNTIME_TOKEN. Never put on a command line. */
  token?: string;
  scope: string;
}

export type CacheSettings = { type: 'none' } | RegistryCache | S3Cache | GhaCache;
export type CacheType = CacheSettings['type'];

const MAX_SCOPE_LENGTH = 128;

/**
 * A cache scope for one image, tag and platform that is also a valid registry tag (`python-3.13.7-linux-arm64`),
 * since BuildKit's registry cache stores the scope as a tag. Overlong scopes keep a hash so they stay distinct.
 */
export function cacheScope(image: string, tag: string, platform: string): string {
  const raw = `${image}-${tag}-${platform}`.replace(/\//g, '-');
  let scope = raw.replace(/[^\w.-]/g, '_').replace(/^[.-]+/, '');
  if (scope.length > MAX_SCOPE_LENGTH) {
    const hash = createHash('sha256').update(raw).digest('hex').slice(0, 12);
    scope = `${scope.slice(0, MAX_SCOPE_LENGTH - hash.length - 1)}-${hash}`;
  }
  return scope || 'default';
}

/** The registry cache repository, fully qualified; a tag or digest in it is a mistake (the builder adds the tags). */
export function cacheRepository(ref: string): string {
  const parsed = parseReference(ref);
  if (parsed.tag !== undefined || parsed.digest !== undefined) {
    throw new UsageError(
      `cache.ref "${ref}" must be a repository without tag or digest (e.g. "${formatRepository(parsed)}"): ` +
        'the builders add one cache tag per image, tag and platform (BuildKit) or per build step (buildah)',
    );
  }
  return formatRepository(parsed);
}

/** Throws a UsageError naming the builders that can use this cache type when `builder` cannot. */
export function assertCacheSupported(
  builder: { kind: BuilderKind; supportedCacheTypes: readonly CacheType[] },
  cache: CacheSettings,
): void {
  if (builder.supportedCacheTypes.includes(cache.type)) return;
  const remote = builder.supportedCacheTypes.filter((t) => t !== 'none');
  const supported = remote.length > 0 ? `it supports ${remote.map((t) => `"${t}"`).join(', ')}` : 'it has none';
  throw new UsageError(
    `cache type "${cache.type}" is not supported by the ${builder.kind} builder (${supported}). ` +
      `Use a BuildKit builder for s3/gha caches (builder: buildctl with BUILDKIT_HOST, or docker with buildx), ` +
      `or set cache.type to "registry" or "none".`,
  );
}
