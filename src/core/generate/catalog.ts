/**
 * The catalog in memory after resolution and rendering: what `generate` writes, what `list --json` prints and what
 * every later command (build, manifest, test, report, generate-ci) works from.
 */
import type { ProjectConfig } from '../config/types';
import type { ResolvedImage, ResolvedTag } from '../model/resolved';

export interface CatalogReference {
  image: string;
  tag: string;
  /** Full registry reference (snapshot suffix included). */
  ref: string;
}

export interface RenderedTag {
  resolved: ResolvedTag;
  /** This tag's own full reference (`127.0.0.1:5050/python:3.13.7-mr-1`). */
  ref: string;
  /** The Dockerfile as rendered, before the rootfs COPY injection (that needs the merged rootfs). */
  dockerfile: string;
  testConfig: string | null;
  /** Catalog tags this tag builds on (other images and, for variants, its own base tag). */
  bases: CatalogReference[];
  /** Non-catalog images it builds on, as written after upstream substitution. */
  upstreamBases: string[];
}

export interface AliasEntry {
  alias: string;
  target: string;
  reason: string;
}

export interface CatalogImage {
  resolved: ResolvedImage;
  name: string;
  tags: RenderedTag[];
  aliases: AliasEntry[];
  versionScheme: string;
  /** Other catalog images this one depends on, sorted. */
  dependsOn: string[];
  depth: number;
}

export interface Catalog {
  root: string;
  config: ProjectConfig;
  /** Push registry (`127.0.0.1:5050`, `ghcr.io/owner`). */
  registry: string;
  snapshotId?: string;
  /** In build order. */
  images: CatalogImage[];
}

export function findImage(catalog: Catalog, name: string): CatalogImage | undefined {
  return catalog.images.find((i) => i.name === name);
}
