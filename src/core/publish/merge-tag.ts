/**
 * Publishes one catalog tag as a multi-platform index: finds its per-platform images, builds a deterministic OCI
 * index, writes it under `<tag>[-<snapshot>]` and points the tag's aliases at the same bytes (no blob moves).
 *
 * Safety rules, in the order the writes happen:
 * - every declared platform must be there, else nothing is written (`allowPartial` publishes anyway, loudly);
 * - the index tag is written before any alias, and only when its digest changes (a re-run writes nothing);
 * - an index already listing exactly these platform images (under the tag, or for a snapshot the release tag) is
 *   reused as it is, so a commit that changed no image moves no tag (see equivalent-index.ts);
 * - aliases only ever move to a complete index: under `allowPartial` with a platform missing they stay put.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { IMAGE_ARCHIVE } from '../records/records';
import {
  applyTags,
  exportOciLayout,
  formatReference,
  MediaType,
  withDigest,
  withTag,
  type TagUpdate,
} from '../registry';
import { buildImageIndex } from '../registry/image-index';
import { OperationError } from '../shared/errors';
import {
  aliasesOf,
  declaredPlatforms,
  findCatalogTag,
  imageRepository,
  platformTag,
  publishedTag,
  tagDistDir,
} from './catalog-tags';
import { indexAnnotations, type IndexMetadataContext } from './index-annotations';
import { writeManifestRecord } from './manifest-record';
import { findEquivalentIndex } from './equivalent-index';
import { findPlatformImages } from './platform-images';
import type { MergeTag, MergeTagInput, MergeTagResult, PublishContext } from './types';

export interface PublishTagResult extends MergeTagResult {
  /** False when the tag already pointed at this exact index: nothing was written. */
  indexChanged: boolean;
  previousIndexDigest: string | null;
  /** Declared platforms left out (only under allowPartial). */
  missingPlatforms: string[];
  /** Alias tags not moved because the index is partial. */
  aliasesNotMoved: string[];
  /** Path of the manifest.json record written. */
  record: string;
}

export const mergeTag: MergeTag = (context, input) => publishTag(context, input);

export async function publishTag(
  context: PublishContext & IndexMetadataContext,
  input: MergeTagInput,
): Promise<PublishTagResult> {
  const { catalog, client, logger } = context;
  const { image, tag } = findCatalogTag(catalog, input.image, input.tag);
  const tagName = tag.resolved.name;
  const snapshotId = catalog.snapshotId;
  const repository = imageRepository(catalog, image.name);
  const published = publishedTag(tagName, snapshotId);
  const target = withTag(repository, published);
  const label = `${image.name}:${published}`;

  const lookup = await findPlatformImages(client, {
    repository,
    platforms: declaredPlatforms(catalog),
    tagFor: (platform) => platformTag(tagName, snapshotId, platform),
    digests: input.platformDigests,
  });
  const missing = lookup.missing.map((m) => m.platform);
  const lookedFor = lookup.missing.map((m) => m.ref).join(', ');
  if (lookup.found.length === 0) {
    throw new OperationError(
      `cannot publish ${label}: no platform image exists (looked for ${lookedFor}); build it first`,
    );
  }
  if (missing.length > 0 && !input.allowPartial) {
    throw new OperationError(
      `cannot publish ${label}: no image for ${missing.join(', ')} (looked for ${lookedFor}); nothing was published. ` +
        `Build and push the missing platform, or publish without it with --allow-partial (aliases then stay where they are)`,
    );
  }
  for (const m of lookup.missing) {
    logger.warn(`publishing ${label} WITHOUT ${m.platform}: ${m.ref} does not exist (--allow-partial)`);
  }

  let built = buildImageIndex(
    lookup.found.map((p) => p.entry),
    indexAnnotations(tagName, context.indexMetadata),
  );
  let mediaType: string = MediaType.OciIndex;
  const previous = await client.headManifest(target);
  if (previous?.digest !== built.digest) {
    // The tag (or, for a snapshot, the release tag) may already hold an index of exactly these images.
    const candidates = snapshotId ? [target, withTag(repository, tagName)] : [target];
    const equivalent = await findEquivalentIndex(client, candidates, built);
    if (equivalent) {
      logger.info(`${label}: ${formatReference(equivalent.found)} already indexes these platform images: reusing it`);
      built = equivalent;
      mediaType = equivalent.mediaType;
    }
  }
  const indexChanged = previous?.digest !== built.digest;
  if (indexChanged) await client.putManifest(target, built.bytes, mediaType);
  const platformList = lookup.found.map((p) => p.platform).sort();
  logger.info(
    indexChanged
      ? `published ${label} → ${built.digest} (${platformList.join(', ')})`
      : `${label} unchanged (${built.digest}, ${platformList.join(', ')})`,
  );

  const aliasTags = aliasesOf(image, tagName).map((alias) => publishedTag(alias, snapshotId));
  let aliases: TagUpdate[] = [];
  let aliasesNotMoved: string[] = [];
  if (missing.length > 0) {
    aliasesNotMoved = aliasTags;
    if (aliasTags.length > 0) {
      logger.warn(
        `aliases ${aliasTags.join(', ')} of ${label} NOT moved: the index lacks ${missing.join(', ')} (aliases only move to complete indexes)`,
      );
    }
  } else if (aliasTags.length > 0) {
    aliases = await applyTags(
      client,
      {
        source: withDigest(repository, built.digest),
        tags: aliasTags,
        manifest: { bytes: built.bytes, mediaType },
      },
      logger,
    );
  }

  const tagDir = tagDistDir(catalog, image.name, tagName);
  let archive: string | undefined;
  if (input.exportArchive) {
    archive = path.join(tagDir, IMAGE_ARCHIVE);
    await exportArchive(context, { ...target, digest: built.digest }, archive);
  }
  const platforms = lookup.found
    .map((p) => ({ platform: p.platform, digest: p.entry.digest }))
    .sort((a, b) => (a.platform < b.platform ? -1 : a.platform > b.platform ? 1 : 0));
  const record = await writeManifestRecord(tagDir, {
    image: image.name,
    tag: tagName,
    ref: tag.ref,
    indexDigest: built.digest,
    platforms,
    missingPlatforms: missing,
    aliases: aliases.map((a) => a.tag),
    ...(archive ? { archive: IMAGE_ARCHIVE } : {}),
  });
  return {
    image: image.name,
    tag: tagName,
    ref: tag.ref,
    indexDigest: built.digest,
    platforms,
    aliases,
    ...(archive ? { archive } : {}),
    indexChanged,
    previousIndexDigest: previous?.digest ?? null,
    missingPlatforms: missing,
    aliasesNotMoved,
    record,
  };
}

/** Writes the OCI layout tar beside, then renames it into place: a failed download leaves no truncated archive. */
async function exportArchive(
  context: PublishContext,
  ref: Parameters<typeof exportOciLayout>[1],
  file: string,
): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.tmp-${process.pid}`;
  try {
    const exported = await exportOciLayout(context.client, ref, temp);
    await fs.rename(temp, file);
    context.logger.info(`exported ${exported.blobCount} blobs (${exported.fileSize} bytes) to ${file}`);
  } finally {
    await fs.rm(temp, { force: true });
  }
}
