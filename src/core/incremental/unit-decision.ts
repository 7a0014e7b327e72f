/**
 * The one decision `build` and `plan` share: given the inputs of a tag on a platform, is the image the registry
 * already has (this snapshot's, else the release's) exactly this build? `build` then reuses it instead of building;
 * `plan` reports it as left alone. Otherwise the reasons say why it must be built.
 */
import type { Catalog } from '../generate/catalog';
import { platformTag, imageRepository } from '../publish/catalog-tags';
import { formatReference, withTag, type RegistryClient } from '../registry';
import { findExistingImage, type ExistingImage } from './existing-image';
import { inputDigest, type InputParts } from './input-parts';
import { rebuildReasons } from './rebuild-reasons';

export interface UnitDecision {
  inputDigest: string;
  /** Empty when the existing image is reused. */
  reasons: string[];
  /** The image the registry has (reused when `reasons` is empty). */
  existing?: ExistingImage;
}

/** Where an earlier build of this tag and platform may be: the run's own platform tag, then the release one. */
export function existingImageCandidates(catalog: Catalog, image: string, tag: string, platform: string): string[] {
  const repository = imageRepository(catalog, image);
  const refs = [formatReference(withTag(repository, platformTag(tag, catalog.snapshotId, platform)))];
  if (catalog.snapshotId) refs.push(formatReference(withTag(repository, platformTag(tag, undefined, platform))));
  return refs;
}

export async function decideUnit(
  client: RegistryClient,
  candidates: readonly string[],
  parts: InputParts,
  force: boolean,
): Promise<UnitDecision> {
  const digest = inputDigest(parts);
  if (force) return { inputDigest: digest, reasons: ['forced (--force or --no-cache)'] };
  const existing = await findExistingImage(client, candidates);
  return { inputDigest: digest, reasons: rebuildReasons(parts, existing), existing };
}
