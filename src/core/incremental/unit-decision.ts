/**
 * The one decision `build` and `plan` share: given the inputs of a tag on a platform, is the image the registry
 * already has (this snapshot's, else the release's) exactly this build? `build` then reuses it instead of building;
 * `plan` reports it as left alone. Otherwise the reasons say why it must be built.
 */
import type { Catalog } from '../generate/catalog';
import { platformTag, imageRepository } from '../publish/catalog-tags';
import { formatReference, withTag, type RegistryClient } from '../registry';
import { readExistingImage, type ExistingImage } from './existing-image';
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

/**
 * The candidates in order: the first whose inputs are these is reused; when none is, the reasons are given against
 * the first that exists (a pull request that reverted its change reuses the release image again, even though its
 * own snapshot tag still holds the changed build).
 */
export async function decideUnit(
  client: RegistryClient,
  candidates: readonly string[],
  parts: InputParts,
  force: boolean,
): Promise<UnitDecision> {
  const digest = inputDigest(parts);
  if (force) return { inputDigest: digest, reasons: ['forced (--force or --no-cache)'] };
  let first: UnitDecision | undefined;
  for (const ref of new Set(candidates)) {
    const existing = await readExistingImage(client, ref);
    if (!existing) continue;
    const reasons = rebuildReasons(parts, existing);
    if (reasons.length === 0) return { inputDigest: digest, reasons, existing };
    first ??= { inputDigest: digest, reasons, existing };
  }
  return first ?? { inputDigest: digest, reasons: rebuildReasons(parts, undefined) };
}
