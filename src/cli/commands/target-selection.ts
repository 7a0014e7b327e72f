/**
 * The tag selection of core/build-run/targets.ts by name, for the commands that work with `image:tag` names
 * (test, sbom, manifest, promote, cleanup and their actions).
 */
import { selectTargets as selectCatalogTags } from '../../core/build-run/targets';
import type { Catalog } from '../../core/generate/catalog';

export interface SelectedTag {
  image: string;
  tag: string;
}

export function selectTargets(catalog: Catalog, args: readonly string[]): SelectedTag[] {
  return selectCatalogTags(catalog, args).map(({ image, tag }) => ({ image: image.name, tag: tag.resolved.name }));
}
