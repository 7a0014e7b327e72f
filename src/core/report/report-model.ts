/**
 * Everything the pages show, read once from dist/ (catalog.json, the records and the generated files) into plain
 * data. The renderers are pure functions of this, which keeps them testable and the output deterministic.
 */
import type { BuildRecord, SbomRecord, TestReport } from '../records/records';

export interface ReportData {
  registry: string | null;
  snapshotId: string | null;
  /** Platforms every tag is meant to be built for, sorted. Others appear only where a record exists. */
  platforms: string[];
  /** In build order. */
  images: ImageReport[];
  /** Shown in the footer only when the caller asked for it: pages are otherwise byte-identical across runs. */
  generatedAt: string | null;
}

export interface ImageReport {
  name: string;
  description: string | null;
  isBaseImage: boolean;
  dependsOn: string[];
  /** Catalog images that build on this one, in build order. */
  dependents: string[];
  tags: TagReport[];
  /** Alias → tag, sorted by alias. */
  aliases: Array<{ alias: string; tag: string }>;
}

export interface TagReport {
  image: string;
  name: string;
  variant: string | null;
  baseTag: string | null;
  versions: Record<string, string>;
  /** Aliases pointing at this tag, sorted. */
  aliases: string[];
  /** The generated Dockerfile, or null when it is missing from dist/. */
  dockerfile: string | null;
  hasTestConfig: boolean;
  /** Expected platforms plus any other platform with records, sorted. */
  platforms: PlatformReport[];
}

export interface PlatformReport {
  /** `linux/amd64` */
  platform: string;
  /** `linux-amd64`: the records folder. */
  slug: string;
  build: BuildRecord | null;
  test: TestReport | null;
  sbom: SbomRecord | null;
  /** Files beside the records that pages may link to (only those that exist). */
  files: { junit: boolean; sbomDocument: string | null };
}
