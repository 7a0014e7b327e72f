/**
 * The annotations of a published index. Every value is a function of the tag and of metadata read once per run
 * (git HEAD, SOURCE_DATE_EPOCH), never of the clock or of the snapshot id, so:
 * - publishing the same platform images twice gives the same bytes (the second run writes nothing);
 * - a snapshot index and its promoted release tag are the same bytes (promotion keeps the digest), which is why
 *   `ref.name` is the catalog tag (`3.13.7`), not the snapshot tag (`3.13.7-mr-1`).
 */
import { readGitMetadata } from '../build/git-info';
import { sourceDateEpoch } from '../generate/source-date-epoch';
import type { Exec } from '../shared/exec';

export interface IndexMetadata {
  /** Commit the images were built from. */
  revision?: string;
  /** Browsable repository URL, without credentials. */
  source?: string;
  /** SOURCE_DATE_EPOCH, only when set: an index never carries the time it happened to be merged. */
  createdEpoch?: number;
}

/**
 * What the publishing operations accept beyond PublishContext: the metadata for index annotations. The caller
 * reads it once (readIndexMetadata) and passes the same value to every tag, so `build` and `manifest` produce
 * identical indexes for the same images.
 */
export interface IndexMetadataContext {
  indexMetadata?: IndexMetadata;
}

export const INDEX_ANNOTATION = {
  refName: 'org.opencontainers.image.ref.name',
  created: 'org.opencontainers.image.created',
  revision: 'org.opencontainers.image.revision',
  source: 'org.opencontainers.image.source',
} as const;

/** Reads the commit and origin of the checkout at `root` (none outside git) and SOURCE_DATE_EPOCH from `env`. */
export async function readIndexMetadata(env: NodeJS.ProcessEnv, exec: Exec, root: string): Promise<IndexMetadata> {
  const createdEpoch = sourceDateEpoch(env);
  const git = await readGitMetadata(exec, root);
  const metadata: IndexMetadata = {};
  if (git.revision) metadata.revision = git.revision;
  if (git.sourceUrl) metadata.source = git.sourceUrl;
  if (createdEpoch !== undefined) metadata.createdEpoch = createdEpoch;
  return metadata;
}

export function indexAnnotations(tag: string, metadata: IndexMetadata = {}): Record<string, string> {
  const annotations: Record<string, string> = { [INDEX_ANNOTATION.refName]: tag };
  if (metadata.createdEpoch !== undefined) annotations[INDEX_ANNOTATION.created] = rfc3339(metadata.createdEpoch);
  if (metadata.revision) annotations[INDEX_ANNOTATION.revision] = metadata.revision;
  if (metadata.source) annotations[INDEX_ANNOTATION.source] = metadata.source;
  return annotations;
}

/** `2026-01-01T00:00:00Z`: RFC 3339 in UTC without fractions, as the image-spec asks for `created`. */
function rfc3339(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
