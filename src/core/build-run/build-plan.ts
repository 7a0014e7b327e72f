/**
 * The units of a build run and what each waits for: one unit per tag × platform, plus (when merging) one merge per
 * tag after all its platforms. A unit waits for the exact tags it builds FROM on the same platform (so a variant
 * waits for its own base tag, and lua:5.4.4 for base:2026.11, not for every tag of base), and for every tag of an
 * image it `extends`. Bases outside the selection are not waited for: their digests come from the registry.
 */
import type { CatalogImage, RenderedTag } from '../generate/catalog';
import type { DagJob } from './dag-runner';
import type { SelectedTag } from './targets';

export interface PlatformBuildUnit {
  kind: 'build';
  image: CatalogImage;
  tag: RenderedTag;
  platform: string;
}

export interface MergeUnit {
  kind: 'merge';
  image: CatalogImage;
  tag: RenderedTag;
  platforms: string[];
}

export type BuildUnit = PlatformBuildUnit | MergeUnit;

/** `lua:5.4.4 linux/arm64`: how a unit is named in progress lines and the final listing. */
export function buildUnitId(image: string, tag: string, platform: string): string {
  return `${image}:${tag} ${platform}`;
}

export function mergeUnitId(image: string, tag: string): string {
  return `${image}:${tag} merge`;
}

export function planBuild(
  selected: readonly SelectedTag[],
  platforms: readonly string[],
  merge: boolean,
): Array<DagJob<BuildUnit>> {
  const selectedIds = new Set(selected.map(({ image, tag }) => `${image.name}:${tag.resolved.name}`));
  const jobs: Array<DagJob<BuildUnit>> = [];
  for (const { image, tag } of selected) {
    for (const platform of platforms) {
      const deps = new Set<string>();
      for (const base of tag.bases) {
        if (selectedIds.has(`${base.image}:${base.tag}`)) deps.add(buildUnitId(base.image, base.tag, platform));
      }
      for (const extended of image.resolved.extends) {
        if (extended.name === image.name) continue;
        for (const other of selected) {
          if (other.image.name === extended.name)
            deps.add(buildUnitId(other.image.name, other.tag.resolved.name, platform));
        }
      }
      jobs.push({
        id: buildUnitId(image.name, tag.resolved.name, platform),
        dependsOn: [...deps],
        payload: { kind: 'build', image, tag, platform },
      });
    }
    if (merge) {
      jobs.push({
        id: mergeUnitId(image.name, tag.resolved.name),
        dependsOn: platforms.map((platform) => buildUnitId(image.name, tag.resolved.name, platform)),
        payload: { kind: 'merge', image, tag, platforms: [...platforms] },
      });
    }
  }
  return jobs;
}
