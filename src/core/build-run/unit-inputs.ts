/**
 * Everything a tag on one platform is built from, gathered once for `build` and `plan` alike: the Dockerfile as
 * generated, its catalog bases pinned to digests, its upstream bases' digests (pinned when locked), the OCI labels
 * and the input parts that make its input digest (see incremental/input-parts.ts).
 */
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { GitMetadata } from '../build/git-info';
import { buildOciLabels } from '../build/labels';
import type { BuilderKind } from '../build/types';
import type { Catalog, CatalogReference } from '../generate/catalog';
import { imageRepository } from '../publish/catalog-tags';
import { formatReference, withTag } from '../registry';
import { digestBuildContext } from '../incremental/context-digest';
import {
  INPUT_PARTS_VERSION,
  inputLabelsDigest,
  sha256,
  UNKNOWN_DIGEST,
  type InputParts,
} from '../incremental/input-parts';
import { existingImageCandidates } from '../incremental/unit-decision';
import type { UpstreamPins } from '../incremental/upstream-pins';
import { OperationError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import type { BaseDigestResolver } from './base-digests';
import { finalStageBase, pinBaseImages } from './base-pins';
import type { PlatformBuildUnit } from './build-plan';

export interface UnitInputContext {
  catalog: Catalog;
  distDir: string;
  builderKind: BuilderKind;
  resolver: BaseDigestResolver;
  upstream: UpstreamPins;
  sourceDateEpoch?: number;
  git: GitMetadata;
  logger: Logger;
}

export interface UnitInputs {
  /** The tag's folder in dist/: the build context. */
  contextDir: string;
  /** The Dockerfile as generated. */
  dockerfile: string;
  /** FROM reference → what the build uses instead (catalog bases by digest, locked upstream bases). */
  pins: Map<string, string>;
  /** Base reference → digest, for build.json (unknown upstream digests left out). */
  baseDigests: Record<string, string>;
  labels: Record<string, string>;
  parts: InputParts;
  /** Where an earlier build of the same tag and platform may be found (see unit-decision.ts). */
  candidates: string[];
}

export async function collectUnitInputs(context: UnitInputContext, unit: PlatformBuildUnit): Promise<UnitInputs> {
  const { catalog, logger } = context;
  const { image, tag, platform } = unit;
  const tagName = tag.resolved.name;
  const contextDir = path.join(context.distDir, image.name, tagName);
  const dockerfile = await readFile(path.join(contextDir, 'Dockerfile'), 'utf8').catch((error: Error) => {
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
  const inputBases: Record<string, string> = { ...baseDigests };
  for (const upstream of new Set(tag.upstreamBases)) {
    const { digest, pinned } = await context.upstream.digestOf(upstream);
    inputBases[upstream] = digest;
    if (digest !== UNKNOWN_DIGEST) baseDigests[upstream] = digest;
    if (pinned) pins.set(upstream, `${upstream}@${digest}`);
  }

  const baseName = finalStageBase(dockerfile);
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
  // A snapshot builds FROM the snapshot tags of its catalog bases (`base:1.0-pr-5`); the inputs name them by their
  // release references, so a snapshot of unchanged images has the inputs of the release and reuses its images.
  const releaseRefs = new Map(tag.bases.map((base) => [base.ref, releaseReference(catalog, base)]));
  const parts: InputParts = {
    v: INPUT_PARTS_VERSION,
    dockerfile: sha256(pinBaseImages(dockerfile, releaseRefs)),
    context: await digestBuildContext(contextDir),
    labels: inputLabelsDigest(labels),
    platform,
    builder: context.builderKind,
    bases: Object.fromEntries(Object.entries(inputBases).map(([ref, digest]) => [releaseRefs.get(ref) ?? ref, digest])),
  };
  const candidates = existingImageCandidates(catalog, image.name, tagName, platform);
  return { contextDir, dockerfile, pins, baseDigests, labels, parts, candidates };
}

/** `127.0.0.1:5050/base:1.0-pr-5` → `127.0.0.1:5050/base:1.0`. */
function releaseReference(catalog: Catalog, base: CatalogReference): string {
  return formatReference(withTag(imageRepository(catalog, base.image), base.tag));
}
