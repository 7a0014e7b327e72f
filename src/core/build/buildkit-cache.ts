/**
 * Cache settings as BuildKit cache import/export entries (the CSV values of `buildctl --import-cache/--export-cache`
 * and `docker buildx --cache-from/--cache-to`). Credentials never go into these strings when the client can carry
 * them another way: buildx reads AWS_* and ACTIONS_RUNTIME_TOKEN from its environment and sends them to the daemon
 * over gRPC, and buildctl does the same for the GitHub token. Only buildctl + explicit S3 keys needs attributes
 * (buildctl has no other path to a remote daemon); those are returned as `secrets` so logs mask them (PoC B25).
 */
import { parseReference } from '../registry/reference';
import { cacheRepository, type CacheSettings, type GhaCache, type RegistryCache, type S3Cache } from './cache-settings';
import { isInsecureRegistry } from './insecure-registries';

export interface BuildkitCacheFlags {
  imports: string[];
  exports: string[];
  /** Environment variables for the client process (credentials). */
  env: Record<string, string>;
  /** Secret values that had to be placed in `imports`/`exports`; mask them in every log line. */
  secrets: string[];
}

export interface BuildkitCacheOptions {
  /** Skip importing (a `--no-cache` build still refreshes the remote cache). */
  noCache: boolean;
  insecureRegistries: readonly string[];
  /** `environment`: the client forwards credentials from its env (buildx). `attributes`: put S3 keys in attrs (buildctl). */
  s3Credentials: 'environment' | 'attributes';
}

export function buildkitCacheFlags(cache: CacheSettings, options: BuildkitCacheOptions): BuildkitCacheFlags {
  const flags: BuildkitCacheFlags = { imports: [], exports: [], env: {}, secrets: [] };
  if (cache.type === 'none') return flags;
  const { importAttrs, exportAttrs } =
    cache.type === 'registry'
      ? registryAttrs(cache, options)
      : cache.type === 's3'
        ? s3Attrs(cache, options, flags)
        : ghaAttrs(cache, flags);
  if (!options.noCache) flags.imports.push(csvJoin(importAttrs));
  flags.exports.push(csvJoin(exportAttrs));
  return flags;
}

type Attrs = Array<[string, string]>;

/** The registry cache lives at `<ref>:<scope>`: one tag per image × tag × platform. */
export function registryCacheRef(cache: RegistryCache): string {
  return `${cacheRepository(cache.ref)}:${cache.scope}`;
}

function registryAttrs(cache: RegistryCache, options: BuildkitCacheOptions): { importAttrs: Attrs; exportAttrs: Attrs } {
  const ref = registryCacheRef(cache);
  const insecure = isInsecureRegistry(parseReference(ref).registry, options.insecureRegistries);
  const importAttrs: Attrs = [
    ['type', 'registry'],
    ['ref', ref],
  ];
  const exportAttrs: Attrs = [...importAttrs, ['mode', 'max']];
  // Export-side only: BuildKit ≥ 0.12 accepts it there; imports follow the daemon's registry config.
  if (insecure) exportAttrs.push(['registry.insecure', 'true']);
  return { importAttrs, exportAttrs };
}

function s3Attrs(
  cache: S3Cache,
  options: BuildkitCacheOptions,
  flags: BuildkitCacheFlags,
): { importAttrs: Attrs; exportAttrs: Attrs } {
  const importAttrs: Attrs = [
    ['type', 's3'],
    ['region', cache.region],
    ['bucket', cache.bucket],
    ['name', cache.scope],
  ];
  if (cache.endpoint) importAttrs.push(['endpoint_url', cache.endpoint]);
  if (cache.usePathStyle) importAttrs.push(['use_path_style', 'true']);
  const hasKeys = cache.accessKeyId !== undefined && cache.secretAccessKey !== undefined;
  if (hasKeys && options.s3Credentials === 'attributes') {
    importAttrs.push(['access_key_id', cache.accessKeyId as string], ['secret_access_key', cache.secretAccessKey as string]);
    flags.secrets.push(cache.accessKeyId as string, cache.secretAccessKey as string);
  } else if (hasKeys) {
    flags.env.AWS_ACCESS_KEY_ID = cache.accessKeyId as string;
    flags.env.AWS_SECRET_ACCESS_KEY = cache.secretAccessKey as string;
  }
  return { importAttrs, exportAttrs: [...importAttrs, ['mode', 'max']] };
}

function ghaAttrs(cache: GhaCache, flags: BuildkitCacheFlags): { importAttrs: Attrs; exportAttrs: Attrs } {
  const importAttrs: Attrs = [
    ['type', 'gha'],
    ['scope', cache.scope],
  ];
  if (cache.url) importAttrs.push(['url', cache.url]);
  if (cache.token) flags.env.ACTIONS_RUNTIME_TOKEN = cache.token;
  // GitHub's cache service throttles (HTTP 429); a failed upload must not fail an otherwise good build.
  return { importAttrs, exportAttrs: [...importAttrs, ['mode', 'max'], ['ignore-error', 'true']] };
}

/** Joins `key=value` fields the way BuildKit's CSV parser reads them back (quotes around commas and quotes). */
export function csvJoin(attrs: Attrs): string {
  return attrs
    .map(([key, value]) => {
      const field = `${key}=${value}`;
      return /[",\n\r]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
    })
    .join(',');
}
