/**
 * The build cache of .image-manager.yml. `false`, `true` and no `cache` all mean no external cache: the proof of
 * concept turned `true`/absent into a local Garage store with fixed development keys, which only worked next to
 * its docker-compose file and put well-known keys into every build. A mapping without `type` is the proof of
 * concept's S3 form.
 */
import { registerSecret } from '../shared/redact';
import { type ConfigContext, problemAt, readText } from './config-context';
import type { RawCache } from './raw-project-config';
import type { CacheConfig } from './types';

const S3_KEYS = ['endpoint', 'bucket', 'region', 'access_key', 'secret_key', 'use_path_style'] as const;
const KEYS_BY_TYPE: Record<CacheConfig['type'], readonly string[]> = {
  none: [],
  gha: [],
  registry: ['ref'],
  s3: S3_KEYS,
};
export const DEFAULT_S3_REGION = 'us-east-1';

export function normaliseCache(ctx: ConfigContext, raw: boolean | RawCache | null | undefined): CacheConfig {
  if (raw === undefined || raw === null || typeof raw === 'boolean') return { type: 'none' };
  const type = raw.type ?? (S3_KEYS.some((key) => raw[key] !== undefined) ? 's3' : 'none');
  for (const key of Object.keys(raw)) {
    if (key !== 'type' && !KEYS_BY_TYPE[type].includes(key)) {
      problemAt(ctx, ['cache', key], {
        message: `\`${key}\` is not used by a ${type} cache`,
        hint: `remove it, or set the cache \`type\` it belongs to`,
      });
    }
  }
  switch (type) {
    case 'registry': {
      const ref = readText(ctx, ['cache', 'ref'], raw.ref, 'the default cache repository is used');
      return ref ? { type, ref } : { type };
    }
    case 's3':
      return s3Cache(ctx, raw);
    default:
      return { type };
  }
}

function s3Cache(ctx: ConfigContext, raw: RawCache): CacheConfig {
  if (raw.bucket === undefined) {
    problemAt(ctx, ['cache'], {
      message: 'an S3 cache needs `bucket`',
      hint: 'add `bucket:`, or write `cache: false`',
    });
    return { type: 'none' };
  }
  const bucket = readText(ctx, ['cache', 'bucket'], raw.bucket, 'builds run without an external cache');
  if (!bucket) return { type: 'none' };
  const ambient = 'the builder uses its own credentials';
  const accessKey = readText(ctx, ['cache', 'access_key'], raw.access_key, ambient);
  const secretKey = readText(ctx, ['cache', 'secret_key'], raw.secret_key, ambient);
  registerSecret(accessKey);
  registerSecret(secretKey);
  const endpoint = readText(ctx, ['cache', 'endpoint'], raw.endpoint, 'the AWS endpoint is used');
  return {
    type: 's3',
    ...(endpoint ? { endpoint } : {}),
    bucket,
    region: readText(ctx, ['cache', 'region'], raw.region, `region ${DEFAULT_S3_REGION} is used`) || DEFAULT_S3_REGION,
    ...(accessKey !== undefined ? { access_key: accessKey } : {}),
    ...(secretKey !== undefined ? { secret_key: secretKey } : {}),
    use_path_style: raw.use_path_style ?? true,
  };
}
