/**
 * Points alias tags (`1`, `1.2`, `latest`) at an already published image by PUTting exactly its manifest bytes
 * under each tag: the registry already holds every blob, so nothing else moves and the alias has the very same
 * digest. Everything is read before anything is written, and tags already at the digest are left alone, so a run
 * that fails early moves no tag and a re-run only writes what changed. The PUTs go out concurrently (a registry's
 * manifest write is slow, tens of ms, and independent per tag); if some fail, the error lists what moved.
 */
import { OperationError, UsageError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import { silentLogger } from '../shared/logger';
import type { RegistryClient } from './client';
import { digestMatches } from './digest';
import {
  formatReference,
  formatRepository,
  isValidTag,
  sameRepository,
  withDigest,
  withTag,
  type Reference,
  type RepositoryRef,
} from './reference';

export interface ApplyTagsInput {
  /** The published image, by digest (`R/app@sha256:…`, a tag beside it is ignored). */
  source: Reference;
  /** Where the tags go; default: the source's repository. Must already hold the manifest (no blobs are copied). */
  repository?: RepositoryRef;
  tags: string[];
  /** The manifest bytes when the caller has them (e.g. from mergePlatformImages): checked against the digest, saves a GET. */
  manifest?: { bytes: Uint8Array; mediaType: string };
}

/** At most this many tag PUTs in flight: enough for alias sets, gentle on registries. */
const PUT_CONCURRENCY = 8;

export interface TagUpdate {
  tag: string;
  previousDigest: string | null;
  changed: boolean;
}

export async function applyTags(
  client: RegistryClient,
  input: ApplyTagsInput,
  logger: Logger = silentLogger,
): Promise<TagUpdate[]> {
  const { source } = input;
  if (!source.digest) {
    throw new UsageError(`applyTags needs the source by digest, got ${formatReference(source)}; resolve the tag first`);
  }
  const repository = input.repository ?? source;
  const invalid = input.tags.filter((t) => !isValidTag(t));
  if (invalid.length > 0) {
    throw new UsageError(
      `invalid tag${invalid.length > 1 ? 's' : ''} ${invalid.map((t) => `"${t}"`).join(', ')}: a tag is 1 to 128 letters, digits, '_', '.' or '-' and cannot start with '.' or '-'`,
    );
  }
  const tags = [...new Set(input.tags)];

  const manifest = await sourceManifest(client, source, source.digest, input.manifest);
  if (!sameRepository(repository, source) && !(await client.headManifest(withDigest(repository, source.digest)))) {
    throw new OperationError(
      `${source.digest} is not in ${formatRepository(repository)}: applyTags never copies blobs, publish the image there first`,
    );
  }
  const previous = await Promise.all(tags.map((tag) => client.headManifest(withTag(repository, tag))));
  const updates: TagUpdate[] = tags.map((tag, i) => ({
    tag,
    previousDigest: previous[i]?.digest ?? null,
    changed: previous[i]?.digest !== manifest.digest,
  }));

  const toMove = updates.filter((u) => u.changed).map((u) => u.tag);
  const outcomes = await mapConcurrently(toMove, PUT_CONCURRENCY, (tag) =>
    client.putManifest(withTag(repository, tag), manifest.bytes, manifest.mediaType),
  );
  const failed = outcomes.flatMap((o, i) => (o.status === 'rejected' ? [{ tag: toMove[i], error: o.reason }] : []));
  if (failed.length > 0) {
    const moved = toMove.filter((tag) => !failed.some((f) => f.tag === tag));
    const first = failed[0].error as Error;
    if (moved.length === 0) throw first;
    throw new OperationError(
      `${first.message}; tags already moved to ${manifest.digest}: ${moved.join(', ')}; not moved: ${failed.map((f) => f.tag).join(', ')} (re-run to finish)`,
      { cause: first },
    );
  }
  for (const u of updates) {
    logger.info(
      `${formatRepository(repository)}:${u.tag} ${u.changed ? `→ ${manifest.digest}` : `unchanged (${manifest.digest})`}`,
    );
  }
  return updates;
}

async function sourceManifest(
  client: RegistryClient,
  source: Reference,
  digest: string,
  given: ApplyTagsInput['manifest'],
): Promise<{ bytes: Uint8Array; mediaType: string; digest: string }> {
  if (!given) return client.getManifest(withDigest(source, digest));
  if (!digestMatches(digest, given.bytes)) {
    throw new UsageError(`applyTags: the manifest bytes given do not hash to the source digest ${digest}`);
  }
  return { ...given, digest };
}

/** Like Promise.allSettled over `items`, with at most `limit` calls running at once; results in input order. */
async function mapConcurrently<T, R>(
  items: T[],
  limit: number,
  call: (item: T) => Promise<R>,
): Promise<PromiseSettledResult<R>[]> {
  const results: PromiseSettledResult<R>[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      try {
        results[index] = { status: 'fulfilled', value: await call(items[index]) };
      } catch (reason) {
        results[index] = { status: 'rejected', reason };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
