/**
 * What the registry holds now for the tags a plan covers: each release tag's index (which platform image it lists
 * per declared platform), each alias's digest, and the digest of every release tag of the same images (so the plan
 * can say which tag an alias points at now). Only reads: HEAD and GET of manifests, nothing is written.
 */
import type { SelectedTag } from '../build-run/targets';
import type { Catalog } from '../generate/catalog';
import { aliasesOf, imageRepository } from '../publish/catalog-tags';
import {
  formatReference,
  formatRepository,
  RegistryError,
  withTag,
  type Reference,
  type RegistryClient,
} from '../registry';
import type { FetchedManifest } from '../registry/manifest-operations';
import { platformMatches } from '../registry/platform';
import { isLoopbackHost } from '../registry/reference';
import { forEachBounded } from '../shared/bounded';
import { OperationError } from '../shared/errors';
import type { ReleaseIndex, TagInput } from './compare-plan';

/** Registry reads in flight at once: enough to hide latency, few enough for a rate-limited registry. */
const CONCURRENT_READS = 8;

export type ReleaseState = Omit<TagInput, 'units'>;

export async function readReleaseState(
  client: RegistryClient,
  catalog: Catalog,
  targets: readonly SelectedTag[],
  declaredPlatforms: readonly string[],
): Promise<ReleaseState[]> {
  const read: RegistryRead = { client, registry: catalog.registry };
  const referenceOf = (image: string, tag: string) => withTag(imageRepository(catalog, image), tag);
  // Every release tag of the images involved (to name where an alias points now) and every alias.
  const heads = new Map<string, Reference>();
  for (const { image, tag } of targets) {
    for (const sibling of image.tags)
      heads.set(`${image.name}:${sibling.resolved.name}`, referenceOf(image.name, sibling.resolved.name));
    for (const alias of aliasesOf(image, tag.resolved.name))
      heads.set(`${image.name}:${alias}`, referenceOf(image.name, alias));
  }
  const digests = new Map<string, string | null>();
  await forEachBounded([...heads], CONCURRENT_READS, async ([key, reference]) => {
    digests.set(key, await headDigest(read, reference));
  });
  const indexes = new Map<string, ReleaseIndex | null>();
  await forEachBounded([...targets], CONCURRENT_READS, async ({ image, tag }) => {
    const key = `${image.name}:${tag.resolved.name}`;
    const exists = digests.get(key) !== null;
    indexes.set(
      key,
      exists ? await readIndex(read, referenceOf(image.name, tag.resolved.name), declaredPlatforms) : null,
    );
  });

  return targets.map(({ image, tag }) => {
    const tagsByDigest: Record<string, string[]> = {};
    for (const sibling of image.tags) {
      const digest = digests.get(`${image.name}:${sibling.resolved.name}`);
      if (digest) (tagsByDigest[digest] ??= []).push(sibling.resolved.name);
    }
    const aliases = aliasesOf(image, tag.resolved.name);
    return {
      image: image.name,
      tag: tag.resolved.name,
      repository: formatRepository(imageRepository(catalog, image.name)),
      aliases,
      release: indexes.get(`${image.name}:${tag.resolved.name}`) ?? null,
      aliasDigests: Object.fromEntries(aliases.map((alias) => [alias, digests.get(`${image.name}:${alias}`) ?? null])),
      tagsByDigest,
    };
  });
}

interface RegistryRead {
  client: RegistryClient;
  /** The push registry, for the hint when it cannot be reached. */
  registry: string;
}

async function headDigest(read: RegistryRead, reference: Reference): Promise<string | null> {
  try {
    return (await read.client.headManifest(reference))?.digest ?? null;
  } catch (error) {
    throw readFailure(read, reference, error);
  }
}

/** The release index by platform; null when the tag vanished between the HEAD and this GET. */
async function readIndex(
  read: RegistryRead,
  reference: Reference,
  declaredPlatforms: readonly string[],
): Promise<ReleaseIndex | null> {
  let manifest: FetchedManifest;
  try {
    manifest = await read.client.getManifest(reference);
  } catch (error) {
    if (error instanceof RegistryError && error.status === 404) return null;
    throw readFailure(read, reference, error);
  }
  if (manifest.parsed.kind !== 'index') {
    return { digest: manifest.digest, kind: 'image', platforms: {}, undeclaredEntries: 0 };
  }
  const platforms: Record<string, string> = {};
  let undeclaredEntries = 0;
  for (const entry of manifest.parsed.index.manifests) {
    const entryPlatform = entry.platform;
    const declared = entryPlatform && declaredPlatforms.find((p) => platformMatches(p, entryPlatform));
    // A second entry for one platform is as foreign to what the merge writes as an undeclared one.
    if (declared && platforms[declared] === undefined) platforms[declared] = entry.digest;
    else undeclaredEntries++;
  }
  return { digest: manifest.digest, kind: 'index', platforms, undeclaredEntries };
}

/** A failed registry read as an OperationError naming the reference, with a hint for a local registry. */
function readFailure(read: RegistryRead, reference: Reference, error: unknown): OperationError {
  const hint = isLoopbackHost(read.registry.split('/')[0])
    ? ' (is the local registry running? `image-manager start registry` starts the embedded one)'
    : '';
  return new OperationError(
    `plan: cannot read ${formatReference(reference)} from the registry${hint}: ${(error as Error).message}`,
    { cause: error },
  );
}
