/**
 * The `buildctl build` command line for a BuildKit daemon at BUILDKIT_HOST, as a pure function (buildctl is not
 * installable on the development machines, so the exact arguments are what the tests pin down).
 */
import * as path from 'node:path';
import { buildkitCacheFlags } from './buildkit-cache';
import { isInsecureRef } from './insecure-registries';
import { sortedEntries } from './sorted-entries';
import type { BuildRequest } from './types';

export interface BuildctlArgs {
  args: string[];
  env: Record<string, string>;
  /** Secret values that are in `args` (explicit S3 keys): mask them in every log line. */
  secrets: string[];
}

export interface BuildctlArgsOptions {
  /** BuildKit address (`tcp://buildkitd:1234`, `unix:///run/buildkit/buildkitd.sock`); buildctl's default if absent. */
  address?: string;
  metadataFile: string;
  /** `push`: image to the registry; `archive`: a docker-archive tar at request.archivePath, no cache export. */
  output: 'push' | 'archive';
}

export function buildctlBuildArgs(request: BuildRequest, options: BuildctlArgsOptions): BuildctlArgs {
  const args: string[] = [];
  if (options.address) args.push('--addr', options.address);
  args.push('build', '--progress', 'plain', '--frontend', 'dockerfile.v0');
  args.push('--local', `context=${request.contextDir}`);
  args.push('--local', `dockerfile=${path.dirname(request.dockerfile)}`);
  args.push('--opt', `filename=${path.basename(request.dockerfile)}`);
  args.push('--opt', `platform=${request.platform}`);
  if (request.sourceDateEpoch !== undefined) {
    args.push('--opt', `build-arg:SOURCE_DATE_EPOCH=${request.sourceDateEpoch}`);
  }
  for (const [key, value] of sortedEntries(request.buildArgs)) args.push('--opt', `build-arg:${key}=${value}`);
  for (const [key, value] of sortedEntries(request.labels)) args.push('--opt', `label:${key}=${value}`);
  if (request.pull === 'always') args.push('--opt', 'image-resolve-mode=pull');
  if (request.noCache) args.push('--no-cache');

  const output =
    options.output === 'push'
      ? ['type=image', `name=${request.pushRef}`, 'push=true']
      : ['type=docker', `name=${request.pushRef}`, `dest=${request.archivePath}`];
  if (options.output === 'push' && isInsecureRef(request.pushRef, request.insecureRegistries)) {
    output.push('registry.insecure=true');
  }
  if (request.sourceDateEpoch !== undefined) output.push('rewrite-timestamp=true');
  args.push('--output', output.join(','), '--metadata-file', options.metadataFile);

  const cache = buildkitCacheFlags(request.cache, {
    noCache: request.noCache,
    insecureRegistries: request.insecureRegistries,
    // buildctl cannot hand its own environment to a remote daemon: explicit keys must travel as attributes.
    s3Credentials: 'attributes',
  });
  for (const entry of cache.imports) args.push('--import-cache', entry);
  if (options.output === 'push') for (const entry of cache.exports) args.push('--export-cache', entry);
  return { args, env: cache.env, secrets: cache.secrets };
}
