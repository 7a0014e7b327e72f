/**
 * One tag for one platform: pin its catalog bases to digests, label it, build and push it with the selected
 * builder, export `linux-<arch>/image.tar` and write `linux-<arch>/build.json`. The pinned Dockerfile lives in a
 * temporary folder; the build context is the tag's folder in dist/ as `generate` wrote it.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { GitMetadata } from '../build/git-info';
import { buildOciLabels } from '../build/labels';
import type { Builder, BuildRequest } from '../build/types';
import type { CacheConfig } from '../config/types';
import type { Catalog } from '../generate/catalog';
import { BUILD_RECORD, IMAGE_ARCHIVE, platformSlug, type BuildRecord } from '../records/records';
import type { RegistryClient } from '../registry';
import { OperationError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import type { BaseDigestResolver } from './base-digests';
import { finalStageBase, pinBaseImages, platformImageRef } from './base-pins';
import { platformDir, pushedImageSize, writeBuildRecord } from './build-record';
import type { PlatformBuildUnit } from './build-plan';
import { cacheSettingsFor } from './cache-for-build';

export interface PlatformBuildContext {
  catalog: Catalog;
  distDir: string;
  builder: Builder;
  client: RegistryClient;
  resolver: BaseDigestResolver;
  /** The cache to use (already checked against the builder and the environment). */
  cache: CacheConfig;
  noCache: boolean;
  insecureRegistries: string[];
  sourceDateEpoch?: number;
  git: GitMetadata;
  env: NodeJS.ProcessEnv;
  logger: Logger;
}

export async function buildPlatformImage(context: PlatformBuildContext, unit: PlatformBuildUnit): Promise<BuildRecord> {
  const { catalog, logger } = context;
  const { image, tag, platform } = unit;
  const tagName = tag.resolved.name;
  const contextDir = path.join(context.distDir, image.name, tagName);
  const outDir = platformDir(context.distDir, image.name, tagName, platform);
  // A record from an earlier run must not outlive a failed rebuild and describe an image that is no longer there.
  await rm(path.join(outDir, BUILD_RECORD), { force: true });
  const written = await readFile(path.join(contextDir, 'Dockerfile'), 'utf8').catch((error: Error) => {
    throw new OperationError(`cannot read ${path.join(contextDir, 'Dockerfile')}: ${error.message}`);
  });

  const baseDigests: Record<string, string> = {};
  const pins = new Map<string, string>();
  for (const base of tag.bases) {
    if (pins.has(base.ref)) continue;
    const resolved = await context.resolver.catalogBase(base, platform);
    pins.set(base.ref, resolved.pinned);
    baseDigests[base.ref] = resolved.digest;
    logger.debug(`${image.name}:${tagName} ${platform}: FROM ${resolved.pinned} (${resolved.from})`);
  }
  for (const upstream of new Set(tag.upstreamBases)) {
    const digest = await context.resolver.upstreamDigest(upstream);
    if (digest) baseDigests[upstream] = digest;
  }

  const baseName = finalStageBase(written);
  const labelsConfig = catalog.config.labels;
  const labels = buildOciLabels({
    image: image.name,
    tag: tagName,
    revision: context.git.revision,
    source: context.git.sourceUrl,
    createdEpoch: context.sourceDateEpoch,
    description: image.resolved.description,
    licenses: image.resolved.licenses ?? labelsConfig.licenses,
    vendor: labelsConfig.vendor,
    authors: labelsConfig.authors,
    url: labelsConfig.url,
    documentation: labelsConfig.documentation,
    baseName,
    baseDigest: baseName ? baseDigests[baseName] : undefined,
  });

  const pushRef = platformImageRef(tag.ref, platform);
  const archivePath = path.join(outDir, IMAGE_ARCHIVE);
  const tempDir = pins.size > 0 ? await mkdtemp(path.join(tmpdir(), 'image-manager-dockerfile-')) : undefined;
  try {
    let dockerfile = path.join(contextDir, 'Dockerfile');
    if (tempDir) {
      dockerfile = path.join(tempDir, 'Dockerfile');
      await writeFile(dockerfile, pinBaseImages(written, pins));
    }
    const request: BuildRequest = {
      contextDir,
      dockerfile,
      platform,
      pushRef,
      labels,
      buildArgs: {},
      sourceDateEpoch: context.sourceDateEpoch,
      cache: cacheSettingsFor(
        context.cache,
        { registry: catalog.registry, image: image.name, tag: tagName, platform },
        context.env,
      ),
      noCache: context.noCache,
      insecureRegistries: context.insecureRegistries,
      archivePath,
      // Base images exactly as the registry serves them: a parent built earlier on this machine is also in local
      // storage, but with the manifest from before push (recompressed layers), and building on that copy makes
      // the child's digest depend on the machine (verified: cached, --no-cache and fresh-storage builds of a child
      // only agree with `always`). Layers already present are not downloaded again.
      pull: 'always',
    };
    const result = await context.builder.build(request, logger);
    context.resolver.recordBuilt(pushRef, result.digest);
    const record: BuildRecord = {
      image: image.name,
      tag: tagName,
      platform,
      ref: pushRef,
      digest: result.digest,
      builder: result.builder,
      baseDigests,
      durationMs: result.durationMs,
      labels,
    };
    const size = await pushedImageSize(context.client, pushRef, result.digest);
    if (size !== undefined) record.size = size;
    if (result.archivePath) record.archive = `${platformSlug(platform)}/${IMAGE_ARCHIVE}`;
    await writeBuildRecord(context.distDir, record);
    return record;
  } finally {
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
  }
}
