/**
 * One tag for one platform: pin its catalog bases to digests, label it, build and push it with the selected
 * builder, export `linux-<arch>/image.tar` and write `linux-<arch>/build.json`. The pinned Dockerfile lives in a
 * temporary folder; the build context is the tag's folder in dist/ as `generate` wrote it.
 *
 * Incremental: the inputs (Dockerfile, rootfs, input labels, platform, builder, base digests) are hashed first.
 * When the registry already has an image built from exactly these inputs — under this run's platform tag or the
 * release one — it is reused (its tag pointed at it, no build) unless the run is forced.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { GitMetadata } from '../build/git-info';
import type { Builder, BuildRequest } from '../build/types';
import type { CacheConfig } from '../config/types';
import type { Catalog } from '../generate/catalog';
import { inputLabels } from '../incremental/input-parts';
import { decideUnit, type UnitDecision } from '../incremental/unit-decision';
import type { UpstreamPins } from '../incremental/upstream-pins';
import { BUILD_RECORD, IMAGE_ARCHIVE, platformSlug, type BuildRecord } from '../records/records';
import { applyTags, parseReference, withDigest, type RegistryClient } from '../registry';
import type { Logger } from '../shared/logger';
import type { BaseDigestResolver } from './base-digests';
import { pinBaseImages, platformImageRef } from './base-pins';
import { platformDir, pushedImageSize, writeBuildRecord } from './build-record';
import type { PlatformBuildUnit } from './build-plan';
import { cacheSettingsFor } from './cache-for-build';
import { collectUnitInputs, type UnitInputs } from './unit-inputs';

export interface PlatformBuildContext {
  catalog: Catalog;
  distDir: string;
  builder: Builder;
  client: RegistryClient;
  resolver: BaseDigestResolver;
  /** The cache to use (already checked against the builder and the environment). */
  cache: CacheConfig;
  noCache: boolean;
  /** Build even when the registry has an image of the same inputs. */
  force: boolean;
  /** Upstream base digests (current, or pinned by the lock file). */
  upstream: UpstreamPins;
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
  const previous = await readPreviousRecord(path.join(outDir, BUILD_RECORD));
  await rm(path.join(outDir, BUILD_RECORD), { force: true });
  const inputs = await collectUnitInputs({ ...context, builderKind: context.builder.kind }, unit);
  const { pins, baseDigests, labels, parts } = inputs;
  const pushRef = platformImageRef(tag.ref, platform);
  const archivePath = path.join(outDir, IMAGE_ARCHIVE);
  const decision = await decideUnit(context.client, inputs.candidates, parts, context.force);
  const unitName = `${image.name}:${tagName} ${platform}`;
  if (decision.reasons.length === 0 && decision.existing) {
    return reusePlatformImage(context, unit, inputs, decision, previous);
  }
  logger.info(`${unitName}: building: ${decision.reasons.join('; ')}`);
  Object.assign(labels, inputLabels(parts));
  const tempDir = pins.size > 0 ? await mkdtemp(path.join(tmpdir(), 'image-manager-dockerfile-')) : undefined;
  try {
    let dockerfile = path.join(contextDir, 'Dockerfile');
    if (tempDir) {
      dockerfile = path.join(tempDir, 'Dockerfile');
      await writeFile(dockerfile, pinBaseImages(inputs.dockerfile, pins));
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
      inputDigest: decision.inputDigest,
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

export interface ReuseContext {
  distDir: string;
  client: RegistryClient;
  resolver: BaseDigestResolver;
  logger: Logger;
}

/**
 * The registry's image is this build (`decision` has no reasons): point the run's platform tag at it (a manifest
 * PUT, no blobs move) and record it. The image.tar of the previous run stays when that run built this very image
 * (same digest), so test and sbom read it locally; any other archive goes, and they pull the image instead.
 */
export async function reusePlatformImage(
  context: ReuseContext,
  unit: PlatformBuildUnit,
  inputs: UnitInputs,
  decision: UnitDecision,
  previous?: BuildRecord,
): Promise<BuildRecord> {
  const started = Date.now();
  const existing = decision.existing;
  if (!existing || decision.reasons.length > 0) throw new Error('reusePlatformImage: nothing to reuse');
  const tagName = unit.tag.resolved.name;
  const pushRef = platformImageRef(unit.tag.ref, unit.platform);
  if (existing.ref !== pushRef) {
    await applyTags(
      context.client,
      {
        source: withDigest(parseReference(existing.ref), existing.imageDigest),
        tags: [parseReference(pushRef).tag as string],
      },
      context.logger,
    );
  }
  const outDir = platformDir(context.distDir, unit.image.name, tagName, unit.platform);
  const archive = path.join(outDir, IMAGE_ARCHIVE);
  const keepArchive =
    previous?.digest === existing.imageDigest &&
    previous.ref === pushRef &&
    previous.archive === `${platformSlug(unit.platform)}/${IMAGE_ARCHIVE}` &&
    existsSync(archive);
  if (!keepArchive) await rm(archive, { force: true });
  context.resolver.recordBuilt(pushRef, existing.imageDigest);
  context.logger.info(
    `${unit.image.name}:${tagName} ${unit.platform}: unchanged (input ${decision.inputDigest}), ` +
      `reusing ${existing.ref}@${existing.imageDigest}`,
  );
  const record: BuildRecord = {
    image: unit.image.name,
    tag: tagName,
    platform: unit.platform,
    ref: pushRef,
    digest: existing.imageDigest,
    builder: existing.parts?.builder ?? inputs.parts.builder,
    baseDigests: inputs.baseDigests,
    durationMs: Date.now() - started,
    inputDigest: decision.inputDigest,
    reusedFrom: existing.ref,
    labels: existing.labels,
  };
  if (keepArchive) record.archive = previous.archive;
  const size = await pushedImageSize(context.client, pushRef, existing.imageDigest);
  if (size !== undefined) record.size = size;
  await writeBuildRecord(context.distDir, record);
  return record;
}

/** The build.json an earlier run left, when it is readable. */
async function readPreviousRecord(file: string): Promise<BuildRecord | undefined> {
  try {
    const record = JSON.parse(await readFile(file, 'utf8')) as Partial<BuildRecord>;
    return typeof record.digest === 'string' && typeof record.ref === 'string' ? (record as BuildRecord) : undefined;
  } catch {
    return undefined;
  }
}
