/**
 * The contract between `build` (which calls the merge after building every platform) and the publishing commands
 * (`manifest`, `promote`, `cleanup`) that implement it. Lead-owned: change it only together.
 */
import type { Catalog } from '../generate/catalog';
import type { RegistryClient } from '../registry';
import type { Logger } from '../shared/logger';

export interface PublishContext {
  catalog: Catalog;
  client: RegistryClient;
  logger: Logger;
}

export interface MergeTagInput {
  image: string;
  tag: string;
  /**
   * Digests of the per-platform images just built in this run (platform → digest). Platforms not given here are
   * looked up in the registry as `<tag>[-<snapshot>]-linux-<arch>`.
   */
  platformDigests?: Record<string, string>;
  /** Publish although a platform the config declares is missing (loudly). Default false: fail, publish nothing. */
  allowPartial?: boolean;
  /** Also export the index and its platforms as an OCI layout tar to `<dist>/<image>/<tag>/image.tar`. */
  exportArchive?: boolean;
}

export interface MergeTagResult {
  image: string;
  tag: string;
  /** `<registry>/<image>:<tag>[-<snapshot>]` */
  ref: string;
  indexDigest: string;
  platforms: Array<{ platform: string; digest: string }>;
  /** Alias tags (with the snapshot suffix when there is one) and whether each moved. */
  aliases: Array<{ tag: string; previousDigest: string | null; changed: boolean }>;
  archive?: string;
}

/** Merges a tag's platform images into an index, pushes it and applies the tag's aliases (idempotent). */
export type MergeTag = (context: PublishContext, input: MergeTagInput) => Promise<MergeTagResult>;
