/**
 * The resolved catalog as `image-manager list --json` prints it and `dist/catalog.json` stores it: the stable
 * contract the pipeline generator, the other commands and users' scripts build on. Change it only by adding
 * fields. Everything is sorted deterministically: images in build order, tags in declaration order.
 */
export interface CatalogSummary {
  /** Image names in build order: every image comes after the images it depends on. */
  order: string[];
  images: CatalogImageSummary[];
}

export interface CatalogImageSummary {
  name: string;
  description?: string;
  isBaseImage: boolean;
  /** Catalog images this image builds on (from FROM lines and `extends`), sorted. */
  dependsOn: string[];
  tags: CatalogTagSummary[];
  /** Alias tag → the tag it points at (including variant aliases), sorted by alias. */
  aliases: Record<string, string>;
}

export interface CatalogTagSummary {
  /** The full tag name, variant suffix included (`3.13.7-slim`). */
  name: string;
  /** The variant this tag belongs to, or null for a base tag. */
  variant: string | null;
  versions: Record<string, string>;
  variables: Record<string, string>;
  /** For a variant tag: the base tag of the same image it is built from. Null for base tags. */
  baseTag: string | null;
  /** Path of the generated Dockerfile, relative to the project root (`dist/python/3.13.7/Dockerfile`). */
  dockerfile: string;
}
