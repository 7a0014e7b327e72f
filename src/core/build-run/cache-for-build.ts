/**
 * Maps `cache:` of .image-manager.yml to the builders' CacheSettings for one image × tag × platform. Each gets its
 * own scope (PoC B30: one scope per image made the tags of an image evict each other's cache).
 *   registry → `cache.ref`, default `<push registry>/cache/<image>`;
 *   s3       → the bucket, with the configured keys or the builder's own AWS credentials;
 *   gha      → GitHub's cache service, only where ACTIONS_CACHE_URL and ACTIONS_RUNTIME_TOKEN exist (inside a
 *              workflow step, or after crazy-max/ghaction-github-runtime); elsewhere the build runs uncached.
 */
import { cacheScope, type CacheSettings } from '../build/cache-settings';
import type { CacheConfig } from '../config/types';

export interface CacheTarget {
  /** Push registry, for the default registry cache repository. */
  registry: string;
  image: string;
  tag: string;
  platform: string;
}

export function defaultCacheRepository(registry: string, image: string): string {
  return `${registry.replace(/\/+$/, '')}/cache/${image}`;
}

/** True when a `gha` cache can be used in this environment. */
export function ghaCacheAvailable(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.ACTIONS_CACHE_URL && env.ACTIONS_RUNTIME_TOKEN);
}

export function cacheSettingsFor(config: CacheConfig, target: CacheTarget, env: NodeJS.ProcessEnv): CacheSettings {
  const scope = cacheScope(target.image, target.tag, target.platform);
  switch (config.type) {
    case 'none':
      return { type: 'none' };
    case 'registry':
      return { type: 'registry', ref: config.ref ?? defaultCacheRepository(target.registry, target.image), scope };
    case 's3':
      return {
        type: 's3',
        ...(config.endpoint ? { endpoint: config.endpoint } : {}),
        bucket: config.bucket,
        region: config.region,
        ...(config.access_key !== undefined ? { accessKeyId: config.access_key } : {}),
        ...(config.secret_key !== undefined ? { secretAccessKey: config.secret_key } : {}),
        usePathStyle: config.use_path_style,
        scope,
      };
    case 'gha':
      if (!ghaCacheAvailable(env)) return { type: 'none' };
      return { type: 'gha', url: env.ACTIONS_CACHE_URL, token: env.ACTIONS_RUNTIME_TOKEN, scope };
  }
}
