/**
 * Checks made once before the first build, so a run fails in seconds rather than after an hour of building:
 * every platform can run here (natively or through qemu), the cache type works with the chosen builder, and an S3
 * cache bucket is reachable and writable.
 */
import { assertCacheSupported } from '../build/cache-settings';
import { ensurePlatformRunnable, type EmulationCheckOptions } from '../build/platform';
import type { S3Cache } from '../build/cache-settings';
import type { Builder } from '../build/types';
import type { CacheConfig } from '../config/types';
import { OperationError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import { cacheSettingsFor, ghaCacheAvailable } from './cache-for-build';

/** Throws one OperationError naming every platform that cannot be built here and how to fix it. */
export function checkPlatformsRunnable(platforms: readonly string[], emulation?: EmulationCheckOptions): void {
  const problems: string[] = [];
  for (const platform of platforms) {
    try {
      ensurePlatformRunnable(platform, emulation);
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  if (problems.length > 0) throw new OperationError(problems.join('\n'));
}

export interface CachePreflightOptions {
  builder: Pick<Builder, 'kind' | 'supportedCacheTypes'>;
  env: NodeJS.ProcessEnv;
  logger: Logger;
  registry: string;
  /** Verifies an S3 bucket (checkS3Cache); injected so the decision logic is testable without S3. */
  checkS3: (settings: S3Cache) => Promise<void>;
}

/** The cache this run uses: the configured one, or none where a gha cache has no service to talk to. */
export async function prepareCache(config: CacheConfig, options: CachePreflightOptions): Promise<CacheConfig> {
  if (config.type === 'gha' && !ghaCacheAvailable(options.env)) {
    options.logger.warn(
      'cache type "gha" needs ACTIONS_CACHE_URL and ACTIONS_RUNTIME_TOKEN (present in GitHub Actions steps ' +
        'that expose them, e.g. after crazy-max/ghaction-github-runtime); building without a cache',
    );
    return { type: 'none' };
  }
  const sample = cacheSettingsFor(
    config,
    { registry: options.registry, image: 'x', tag: 'x', platform: 'linux/amd64' },
    options.env,
  );
  assertCacheSupported(options.builder, sample);
  if (sample.type === 's3') await options.checkS3(sample);
  if (sample.type !== 'none') options.logger.info(`cache: ${describeCache(config, options.registry)}`);
  return config;
}

function describeCache(config: CacheConfig, registry: string): string {
  switch (config.type) {
    case 'registry':
      return `registry ${config.ref ?? `${registry}/cache/<image>`}`;
    case 's3':
      return `S3 bucket ${config.bucket}${config.endpoint ? ` at ${config.endpoint}` : ''}`;
    case 'gha':
      return 'GitHub Actions cache';
    default:
      return 'none';
  }
}
