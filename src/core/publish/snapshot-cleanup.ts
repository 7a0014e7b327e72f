/**
 * Removes a snapshot's tags (`<tag>-<id>`, `<tag>-<id>-linux-<arch>`, `<alias>-<id>`) once it is merged or
 * abandoned. The registry deletes manifests by digest, taking every tag on that digest with it, so a digest is
 * kept whenever any other tag of the repository (a release tag, another snapshot) points at it or is an index
 * listing it; after a promotion that is usually everything, and the report says so. Dry run unless `apply`.
 */
import type { CatalogImage } from '../generate/catalog';
import { validateSnapshotId } from '../generate/snapshot-id';
import { formatRepository, withDigest, withTag, type RepositoryRef } from '../registry';
import type { TagDependency } from '../registry/tag-cleanup';
import { isIndexMediaType } from '../registry/manifest';
import { OperationError } from '../shared/errors';
import {
  aliasesOf,
  declaredPlatforms,
  findCatalogTag,
  imageRepository,
  platformTag,
  publishedTag,
} from './catalog-tags';
import type { PublishContext } from './types';

export interface CleanupInput {
  snapshotId: string;
  /** Tags whose snapshot tags go; default: every tag of the catalog. */
  targets?: Array<{ image: string; tag: string }>;
  /** Actually delete; otherwise only report what would be deleted. */
  apply: boolean;
}

export interface CleanupItem {
  image: string;
  repository: string;
  digest: string;
  /** The snapshot tags on this digest (they all go together). */
  tags: string[];
  action: 'deleted' | 'would-delete' | 'kept';
  /** Other tags that need the digest, which is why it was kept. */
  keptBecause: TagDependency[];
}

/** At most this many HEAD/GET requests in flight while mapping a repository. */
const CONCURRENCY = 8;

export async function cleanupSnapshot(context: PublishContext, input: CleanupInput): Promise<CleanupItem[]> {
  const snapshotId = validateSnapshotId(input.snapshotId);
  const selected = new Map<CatalogImage, string[]>();
  const targets =
    input.targets ??
    context.catalog.images.flatMap((i) => i.tags.map((t) => ({ image: i.name, tag: t.resolved.name })));
  for (const target of targets) {
    const { image, tag } = findCatalogTag(context.catalog, target.image, target.tag);
    selected.set(image, [...(selected.get(image) ?? []), tag.resolved.name]);
  }
  const items: CleanupItem[] = [];
  for (const [image, tags] of selected) {
    items.push(...(await cleanupImage(context, image, tags, snapshotId, input.apply, items)));
  }
  return items;
}

async function cleanupImage(
  context: PublishContext,
  image: CatalogImage,
  tags: string[],
  snapshotId: string,
  apply: boolean,
  done: CleanupItem[],
): Promise<CleanupItem[]> {
  const { catalog, client } = context;
  const repository = imageRepository(catalog, image.name);
  const existing = await client.listTags(repository);
  const candidates = snapshotTags(existing, tags, image, snapshotId, declaredPlatforms(catalog));
  const protectedTags = existing.filter((t) => !candidates.has(t));

  const resolved = await mapLimit([...candidates].sort(), (tag) => client.headManifest(withTag(repository, tag)));
  const groups = new Map<string, { tags: string[]; isIndex: boolean }>();
  [...candidates].sort().forEach((tag, i) => {
    const info = resolved[i];
    if (!info) return;
    const group = groups.get(info.digest) ?? { tags: [], isIndex: isIndexMediaType(info.mediaType) };
    group.tags.push(tag);
    groups.set(info.digest, group);
  });
  const dependents = await dependencyMap(context, repository, protectedTags);

  // Indexes first: deleting a platform image first would leave the snapshot index pointing at nothing.
  const ordered = [...groups].sort(([a, x], [b, y]) => Number(y.isIndex) - Number(x.isIndex) || (a < b ? -1 : 1));
  const items: CleanupItem[] = [];
  for (const [digest, group] of ordered) {
    const keptBecause = dependents.get(digest) ?? [];
    const item: CleanupItem = {
      image: image.name,
      repository: formatRepository(repository),
      digest,
      tags: group.tags,
      action: keptBecause.length > 0 ? 'kept' : apply ? 'deleted' : 'would-delete',
      keptBecause,
    };
    if (item.action === 'deleted') {
      try {
        await client.deleteManifest(withDigest(repository, digest));
      } catch (error) {
        const deleted = [...done, ...items].filter((i) => i.action === 'deleted').flatMap((i) => i.tags);
        throw new OperationError(
          `cleanup stopped: ${(error as Error).message}` +
            (deleted.length ? `; already deleted: ${deleted.join(', ')}` : '; nothing was deleted'),
          { cause: error },
        );
      }
    }
    items.push(item);
  }
  return items;
}

/** The snapshot's tags among `existing`: index and alias tags, declared and any other `-linux-*` platform tags. */
function snapshotTags(
  existing: string[],
  tags: string[],
  image: CatalogImage,
  snapshotId: string,
  platforms: string[],
): Set<string> {
  const wanted = new Set<string>();
  for (const tag of tags) {
    const index = publishedTag(tag, snapshotId);
    wanted.add(index);
    for (const platform of platforms) wanted.add(platformTag(tag, snapshotId, platform));
    for (const t of existing) if (t.startsWith(`${index}-linux-`)) wanted.add(t);
    for (const alias of aliasesOf(image, tag)) wanted.add(publishedTag(alias, snapshotId));
  }
  // A snapshot id can spell a release name (id `slim`: `1.0-slim` is also a variant tag); release names never go.
  const release = new Set([...image.tags.map((t) => t.resolved.name), ...image.aliases.map((a) => a.alias)]);
  for (const name of [...release])
    for (const platform of platforms) release.add(platformTag(name, undefined, platform));
  return new Set(existing.filter((t) => wanted.has(t) && !release.has(t)));
}

/**
 * For each digest, the protected tags that need it: same digest, or an index listing it. One HEAD per protected
 * tag and one GET per protected index, however many digests are checked.
 */
async function dependencyMap(
  context: PublishContext,
  repository: RepositoryRef,
  protectedTags: string[],
): Promise<Map<string, TagDependency[]>> {
  const { client } = context;
  const infos = await mapLimit(protectedTags, (tag) => client.headManifest(withTag(repository, tag)));
  const indexChildren = new Map<string, string[]>();
  const indexDigests = [
    ...new Set(infos.flatMap((info) => (info && isIndexMediaType(info.mediaType) ? [info.digest] : []))),
  ];
  const indexes = await mapLimit(indexDigests, (digest) => client.getManifest(withDigest(repository, digest)));
  indexDigests.forEach((digest, i) => {
    const parsed = indexes[i].parsed;
    indexChildren.set(digest, parsed.kind === 'index' ? parsed.index.manifests.map((m) => m.digest) : []);
  });
  const map = new Map<string, TagDependency[]>();
  const add = (digest: string, dependency: TagDependency) => map.set(digest, [...(map.get(digest) ?? []), dependency]);
  protectedTags.forEach((tag, i) => {
    const info = infos[i];
    if (!info) return;
    add(info.digest, { tag, relation: 'same-digest' });
    for (const child of indexChildren.get(info.digest) ?? []) add(child, { tag, relation: 'index-member' });
  });
  return map;
}

async function mapLimit<T, R>(items: T[], call: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await call(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
  return results;
}
