/**
 * Command lines of the buildah builder, as pure functions so every flag combination is table-tested without
 * running buildah. Flags follow buildah 1.28 (Debian 12), the oldest version we support.
 */
import { cacheRepository, type CacheSettings } from './cache-settings';
import type { BuildRequest } from './types';
import { sortedEntries } from './sorted-entries';

export type BuildahIsolation = 'chroot' | 'oci' | 'rootless';

export interface BudArgsInput {
  request: BuildRequest;
  /** Local name the image is committed as (and pushed from). */
  localName: string;
  isolation: BuildahIsolation;
  tlsVerify: boolean;
  /** Overrides the request's pull policy (the TLS plan needs `missing` after pre-pulling). */
  pull?: 'always' | 'missing';
}

export function buildahBudArgs(input: BudArgsInput): string[] {
  const { request } = input;
  const args = ['bud', '--isolation', input.isolation, '--platform', request.platform, '--layers', '--force-rm'];
  args.push('--format', 'oci');
  args.push('-f', request.dockerfile, '-t', input.localName);
  if (request.sourceDateEpoch !== undefined) {
    // --timestamp clamps the config's created date and every file time in the layers: same inputs → same digest.
    args.push('--timestamp', String(request.sourceDateEpoch));
    args.push('--build-arg', `SOURCE_DATE_EPOCH=${request.sourceDateEpoch}`);
  }
  for (const [key, value] of sortedEntries(request.labels)) args.push('--label', `${key}=${value}`);
  for (const [key, value] of sortedEntries(request.buildArgs)) args.push('--build-arg', `${key}=${value}`);
  const pull = input.pull ?? request.pull;
  if (pull) args.push(`--pull=${pull}`);
  if (request.noCache) args.push('--no-cache');
  args.push(...buildahCacheArgs(request.cache, request.noCache));
  if (!input.tlsVerify) args.push('--tls-verify=false');
  args.push(request.contextDir);
  return args;
}

/**
 * buildah's registry cache: one tag per build step, keyed by content, in the given repository. The scope is not
 * needed there (keys never collide between tags); BuildKit builders use it. Other cache types are rejected before.
 */
export function buildahCacheArgs(cache: CacheSettings, noCache: boolean): string[] {
  if (cache.type !== 'registry') return [];
  const repository = cacheRepository(cache.ref);
  return noCache ? ['--cache-to', repository] : ['--cache-from', repository, '--cache-to', repository];
}

export function buildahPullArgs(ref: string, platform: string, tlsVerify: boolean, policy: 'always' | 'missing'): string[] {
  const args = ['pull', '--platform', platform, '--policy', policy, '--quiet'];
  if (!tlsVerify) args.push('--tls-verify=false');
  args.push(ref);
  return args;
}

export function buildahPushArgs(localName: string, pushRef: string, digestFile: string, tlsVerify: boolean): string[] {
  const args = ['push', '--digestfile', digestFile];
  if (!tlsVerify) args.push('--tls-verify=false');
  args.push(localName, `docker://${pushRef}`);
  return args;
}

/**
 * docker-archive rather than oci-archive: trivy silently exits 1 on an oci-archive (environment.md §5), `docker
 * load` only reads docker-archive, and syft reads both. The archive's embedded name is the pushed reference, so a
 * loaded image carries the name tests and SBOMs refer to.
 */
export function buildahArchiveArgs(localName: string, archivePath: string, name: string): string[] {
  return ['push', '--quiet', localName, `docker-archive:${archivePath}:${name}`];
}
