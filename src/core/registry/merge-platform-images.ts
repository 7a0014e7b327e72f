/**
 * Publishes a multi-platform image: reads each per-platform image (manifest + config for its platform), builds a
 * deterministic OCI index and PUTs it under the target tag. Blobs only move when a platform image lives in another
 * repository (mounted when on the same registry, else downloaded and uploaded); in the usual layout
 * (`app:1.2-linux-amd64` next to `app:1.2`) the whole merge is a few small manifest requests and zero blob bytes.
 * The target tag is written last, so a failure before that leaves it where it was.
 */
import { OperationError, UsageError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import { silentLogger } from '../shared/logger';
import type { RegistryClient } from './client';
import { buildImageIndex, type IndexEntry } from './image-index';
import { MediaType, referencedBlobs, type ImageManifest } from './manifest';
import type { FetchedManifest } from './manifest-operations';
import { formatPlatform, platformFromConfig, platformMatches } from './platform';
import { formatReference, sameRepository, withDigest, type Reference } from './reference';

export interface MergePlatformImagesInput {
  /** Repository and tag of the index to publish. */
  target: Reference;
  /** One single-platform image per platform, by tag or digest, on any repository or registry. */
  platforms: Reference[];
  annotations?: Record<string, string>;
  /** Platforms (`linux/amd64`) that must be among the inputs; a missing one fails the merge before anything moves. */
  requiredPlatforms?: string[];
}

export interface MergedPlatform {
  platform: string;
  digest: string;
  source: Reference;
}

export interface MergeResult {
  digest: string;
  mediaType: string;
  manifestBytes: Uint8Array;
  platforms: MergedPlatform[];
  transfers: { blobsMounted: number; blobsUploaded: number; manifestsCopied: number };
}

interface PlatformImage {
  source: Reference;
  manifest: FetchedManifest;
  image: ImageManifest;
  entry: IndexEntry;
}

export async function mergePlatformImages(
  client: RegistryClient,
  input: MergePlatformImagesInput,
  logger: Logger = silentLogger,
): Promise<MergeResult> {
  const { target } = input;
  if (!target.tag || target.digest) {
    throw new UsageError(
      `merge target ${formatReference(target)} must be a tag (the index gets its digest when built)`,
    );
  }
  if (input.platforms.length === 0) throw new UsageError(`no platform images given for ${formatReference(target)}`);

  const images = await Promise.all(input.platforms.map((source) => readPlatformImage(client, source)));
  checkPlatforms(images, input.requiredPlatforms ?? [], target);

  const transfers = { blobsMounted: 0, blobsUploaded: 0, manifestsCopied: 0 };
  for (const image of images) {
    if (sameRepository(image.source, target)) continue;
    // The index may only reference manifests (and they only blobs) present in its own repository.
    for (const blob of referencedBlobs(image.image)) {
      const outcome = await client.copyBlob(image.source, target, blob);
      if (outcome === 'mounted') transfers.blobsMounted++;
      if (outcome === 'uploaded') transfers.blobsUploaded++;
    }
    await client.putManifest(withDigest(target, image.manifest.digest), image.manifest.bytes, image.manifest.mediaType);
    transfers.manifestsCopied++;
  }

  const built = buildImageIndex(
    images.map((i) => i.entry),
    input.annotations,
  );
  await client.putManifest(target, built.bytes, MediaType.OciIndex);
  logger.info(
    `published ${formatReference(target)} (${built.digest}) for ${images
      .map((i) => formatPlatform(i.entry.platform))
      .sort()
      .join(', ')}`,
  );
  return {
    digest: built.digest,
    mediaType: MediaType.OciIndex,
    manifestBytes: built.bytes,
    platforms: built.index.manifests.map((d) => ({
      platform: formatPlatform(d.platform ?? { os: '', architecture: '' }),
      digest: d.digest,
      source: images.find((i) => i.manifest.digest === d.digest)?.source ?? target,
    })),
    transfers,
  };
}

async function readPlatformImage(client: RegistryClient, source: Reference): Promise<PlatformImage> {
  const manifest = await client.getManifest(source);
  if (manifest.parsed.kind === 'index') {
    throw new OperationError(
      `${formatReference(source)} is itself a multi-platform index (${manifest.mediaType}): merge needs one single-platform image per platform`,
    );
  }
  const image = manifest.parsed.manifest;
  const config = image.config;
  let platform;
  try {
    const bytes = await client.getBlob(source, config.digest);
    platform = platformFromConfig(JSON.parse(Buffer.from(bytes).toString('utf8')));
  } catch (error) {
    if (error instanceof OperationError) throw error;
    throw new OperationError(
      `${formatReference(source)}: cannot tell its platform from the image config (${(error as Error).message})`,
    );
  }
  return {
    source,
    manifest,
    image,
    entry: { mediaType: manifest.mediaType, digest: manifest.digest, size: manifest.bytes.byteLength, platform },
  };
}

function checkPlatforms(images: PlatformImage[], required: string[], target: Reference): void {
  const byPlatform = new Map<string, PlatformImage[]>();
  for (const image of images) {
    const key = formatPlatform(image.entry.platform);
    byPlatform.set(key, [...(byPlatform.get(key) ?? []), image]);
  }
  for (const [platform, list] of byPlatform) {
    if (list.length > 1) {
      throw new OperationError(
        `cannot publish ${formatReference(target)}: ${list.map((i) => formatReference(i.source)).join(' and ')} are all ${platform}; give one image per platform`,
      );
    }
  }
  const missing = required.filter((wanted) => !images.some((i) => platformMatches(wanted, i.entry.platform)));
  if (missing.length > 0) {
    throw new OperationError(
      `cannot publish ${formatReference(target)}: no image for ${missing.join(', ')} (have ${[...byPlatform.keys()].sort().join(', ')}); build and push the missing platform first`,
    );
  }
}
