/**
 * Where a catalog tag lives in the registry and what belongs to it: its repository, the tag names it is published
 * under (`<tag>[-<snapshot>]`, `<tag>[-<snapshot>]-linux-<arch>`), its aliases and the platforms the project
 * declares. Every publishing command derives names here, so `build`, `manifest`, `promote` and `cleanup` agree.
 */
import * as path from 'node:path';
import type { Catalog, CatalogImage, RenderedTag } from '../generate/catalog';
import { platformSlug } from '../records/records';
import { parseReference, type RepositoryRef } from '../registry';
import { snapshotTag } from '../render/image-reference';
import { didYouMean } from '../shared/did-you-mean';
import { UsageError } from '../shared/errors';

export interface CatalogTag {
  image: CatalogImage;
  tag: RenderedTag;
}

/** The catalog tag `image:tag`; an unknown name is a UsageError with a suggestion. */
export function findCatalogTag(catalog: Catalog, image: string, tag: string): CatalogTag {
  const found = catalog.images.find((i) => i.name === image);
  if (!found) {
    const suggestion = didYouMean(
      image,
      catalog.images.map((i) => i.name),
    );
    throw new UsageError(
      `"${image}" is not an image of this catalog${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`,
    );
  }
  const rendered = found.tags.find((t) => t.resolved.name === tag);
  if (!rendered) {
    const suggestion = didYouMean(
      tag,
      found.tags.map((t) => t.resolved.name),
    );
    throw new UsageError(
      `"${image}" has no tag "${tag}"${suggestion ? ` (did you mean "${image}:${suggestion}"?)` : ''}`,
    );
  }
  return { image: found, tag: rendered };
}

/** The repository of a catalog image in the push registry (`ghcr.io/acme` + `python` → `acme/python` on ghcr.io). */
export function imageRepository(catalog: Catalog, image: string): RepositoryRef {
  const { registry, repository } = parseReference(`${catalog.registry}/${image}`);
  return { registry, repository };
}

/** The platforms every tag must be published for (`linux/amd64`, …), in config order. */
export function declaredPlatforms(catalog: Catalog): string[] {
  return catalog.config.platforms.map((p) => p.name);
}

/** `3.13.7` → `3.13.7-mr-1` under a snapshot id. */
export function publishedTag(tag: string, snapshotId: string | undefined): string {
  return snapshotTag(tag, snapshotId);
}

/** `3.13.7[-mr-1]-linux-arm64`: where the build pushes one platform. */
export function platformTag(tag: string, snapshotId: string | undefined, platform: string): string {
  return `${snapshotTag(tag, snapshotId)}-${platformSlug(platform)}`;
}

/** Alias names (without snapshot suffix) whose target is `tag`, sorted. */
export function aliasesOf(image: CatalogImage, tag: string): string[] {
  return image.aliases
    .filter((a) => a.target === tag)
    .map((a) => a.alias)
    .sort();
}

/** `<root>/<dist>/<image>/<tag>`: where the records of one tag live (never with a snapshot suffix). */
export function tagDistDir(catalog: Catalog, image: string, tag: string): string {
  return path.join(path.resolve(catalog.root, catalog.config.dist_dir), image, tag);
}
