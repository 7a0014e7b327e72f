/**
 * Command lines of the Docker/BuildKit builder, as pure functions (table-tested without a daemon):
 * - buildx: `docker buildx build` pushes straight from BuildKit and reports the digest in a metadata file; every
 *   cache type works; credentials reach BuildKit through buildx's environment, never argv.
 * - legacy: `DOCKER_BUILDKIT=1 docker build` (CLI < 23 without buildx) builds into the daemon, `docker push`
 *   publishes. It cannot export a cache to a registry/S3/GHA: a registry cache degrades to an inline cache (the
 *   pushed image carries its cache metadata) with a warning; S3/GHA are rejected before the build.
 */
import type { BuildRequest } from './types';
import { buildkitCacheFlags, registryCacheRef } from './buildkit-cache';
import { isInsecureRef } from './insecure-registries';
import { sortedEntries } from './sorted-entries';

export interface DockerArgs {
  args: string[];
  /** Variables added to the CLI's environment. */
  env: Record<string, string>;
  warnings: string[];
}

export interface DockerArgsOptions {
  /** `--network` for RUN steps; `host` where the daemon runs without a bridge network. */
  network?: string;
}

export function dockerLegacyBuildArgs(request: BuildRequest, options: DockerArgsOptions = {}): DockerArgs {
  const args = ['build', ...commonBuildFlags(request, options)];
  const warnings: string[] = [];
  if (request.cache.type === 'registry') {
    const cacheRef = registryCacheRef(request.cache);
    warnings.push(
      `the Docker CLI has no buildx, so the registry cache cannot be exported to ${cacheRef}: using an inline cache ` +
        `instead (${request.pushRef} carries its own cache metadata; later builds import it from there). ` +
        'Install the buildx plugin for a full registry cache (mode=max).',
    );
    args.push('--build-arg', 'BUILDKIT_INLINE_CACHE=1');
    if (!request.noCache) args.push('--cache-from', request.pushRef, '--cache-from', cacheRef);
  }
  args.push('-t', request.pushRef, request.contextDir);
  return { args, env: { DOCKER_BUILDKIT: '1' }, warnings };
}

export interface BuildxArgsOptions extends DockerArgsOptions {
  /** Where buildx writes `containerimage.digest`. */
  metadataFile: string;
  /** `push`: to the registry; `archive`: a docker-archive tar at request.archivePath (no cache export). */
  output: 'push' | 'archive';
}

export function dockerBuildxBuildArgs(request: BuildRequest, options: BuildxArgsOptions): DockerArgs {
  const args = ['buildx', 'build', ...commonBuildFlags(request, options)];
  // Provenance/SBOM attestations would turn the single-platform push into an index the merge step cannot use.
  args.push('--provenance=false', '--sbom=false');
  const output = options.output === 'push' ? ['type=image', `name=${request.pushRef}`, 'push=true'] : ['type=docker'];
  if (options.output === 'archive') output.push(`name=${request.pushRef}`, `dest=${request.archivePath}`);
  if (options.output === 'push' && isInsecureRef(request.pushRef, request.insecureRegistries)) {
    output.push('registry.insecure=true');
  }
  if (request.sourceDateEpoch !== undefined) output.push('rewrite-timestamp=true');
  args.push('--output', output.join(','), '--metadata-file', options.metadataFile);
  const cache = buildkitCacheFlags(request.cache, {
    noCache: request.noCache,
    insecureRegistries: request.insecureRegistries,
    s3Credentials: 'environment',
  });
  for (const entry of cache.imports) args.push('--cache-from', entry);
  if (options.output === 'push') for (const entry of cache.exports) args.push('--cache-to', entry);
  args.push(request.contextDir);
  return { args, env: cache.env, warnings: [] };
}

function commonBuildFlags(request: BuildRequest, options: DockerArgsOptions): string[] {
  const flags = ['--platform', request.platform, '-f', request.dockerfile, '--progress', 'plain'];
  if (options.network) flags.push('--network', options.network);
  if (request.sourceDateEpoch !== undefined) {
    // BuildKit ≥ 0.11 clamps the config and (with rewrite-timestamp) layer times to it; older ones ignore it.
    flags.push('--build-arg', `SOURCE_DATE_EPOCH=${request.sourceDateEpoch}`);
  }
  for (const [key, value] of sortedEntries(request.labels)) flags.push('--label', `${key}=${value}`);
  for (const [key, value] of sortedEntries(request.buildArgs)) flags.push('--build-arg', `${key}=${value}`);
  if (request.pull === 'always') flags.push('--pull');
  if (request.noCache) flags.push('--no-cache');
  return flags;
}

/** The pushed manifest digest from `docker push` output (`<tag>: digest: sha256:… size: N`). */
export function digestFromPushOutput(output: string): string | undefined {
  return /: digest: (sha256:[0-9a-f]{64}) size: \d+/.exec(output)?.[1];
}
