/**
 * Primitives for removing temporary tags (per-platform `…-linux-amd64`, snapshot `…-mr-12`). The distribution API
 * deletes manifests by digest, which removes EVERY tag pointing at that digest and breaks every index listing it.
 * So a delete first checks the protected tags (releases, aliases): if one points at the same digest, or is an index
 * that lists it (a release index over its per-platform images), the tag is kept and the reason reported.
 */
import type { RegistryClient } from './client';
import { isIndexMediaType } from './manifest';
import { withDigest, withTag, type RepositoryRef } from './reference';

/** The digest a tag points at, or null when the tag does not exist. */
export async function resolveTag(client: RegistryClient, repo: RepositoryRef, tag: string): Promise<string | null> {
  return (await client.headManifest(withTag(repo, tag)))?.digest ?? null;
}

export interface TagDependency {
  tag: string;
  /** `same-digest`: the tag points at the digest; `index-member`: the tag is an index listing it. */
  relation: 'same-digest' | 'index-member';
}

/** Which of `candidates` (other than `except`) would break if the manifest `digest` were deleted. */
export async function tagsDependingOn(
  client: RegistryClient,
  repo: RepositoryRef,
  digest: string,
  candidates: Iterable<string>,
  except?: string,
): Promise<TagDependency[]> {
  const others = [...new Set(candidates)].filter((t) => t !== except).sort();
  const found = await Promise.all(
    others.map(async (tag): Promise<TagDependency | undefined> => {
      const info = await client.headManifest(withTag(repo, tag));
      if (!info) return undefined;
      if (info.digest === digest) return { tag, relation: 'same-digest' };
      if (!isIndexMediaType(info.mediaType)) return undefined;
      const index = await client.getManifest(withDigest(repo, info.digest));
      const lists = index.parsed.kind === 'index' && index.parsed.index.manifests.some((m) => m.digest === digest);
      return lists ? { tag, relation: 'index-member' } : undefined;
    }),
  );
  return found.filter((d): d is TagDependency => d !== undefined);
}

/** Which of `candidates` (other than `except`) point at exactly `digest`. */
export async function tagsSharingDigest(
  client: RegistryClient,
  repo: RepositoryRef,
  digest: string,
  candidates: Iterable<string>,
  except?: string,
): Promise<string[]> {
  const others = [...new Set(candidates)].filter((t) => t !== except).sort();
  const digests = await Promise.all(others.map((tag) => resolveTag(client, repo, tag)));
  return others.filter((_, i) => digests[i] === digest);
}

export interface DeleteTagResult {
  tag: string;
  /** What the tag pointed at; null when it did not exist. */
  digest: string | null;
  deleted: boolean;
  /** Protected tags that need the manifest, which is why it was kept. */
  keptBecause: TagDependency[];
}

/**
 * Deletes a tag's manifest unless a protected tag needs it. `protectedTags: 'all'` protects every other tag of
 * the repository (one tags/list call), the safe choice when the caller does not know them all.
 */
export async function deleteTag(
  client: RegistryClient,
  repo: RepositoryRef,
  tag: string,
  protectedTags: Iterable<string> | 'all',
): Promise<DeleteTagResult> {
  const digest = await resolveTag(client, repo, tag);
  if (digest === null) return { tag, digest, deleted: false, keptBecause: [] };
  const candidates = protectedTags === 'all' ? await client.listTags(repo) : protectedTags;
  const dependents = await tagsDependingOn(client, repo, digest, candidates, tag);
  if (dependents.length > 0) return { tag, digest, deleted: false, keptBecause: dependents };
  await client.deleteManifest(withDigest(repo, digest));
  return { tag, digest, deleted: true, keptBecause: [] };
}
