/**
 * Which tags a build covers: `image` (every tag of it), `image:tag`, or `image:alias` (the tag the alias points
 * at). No argument means the whole catalog. The result is always in build order, whatever order the arguments
 * came in, and each tag appears once.
 */
import type { Catalog, CatalogImage, RenderedTag } from '../generate/catalog';
import { didYouMean } from '../shared/did-you-mean';
import { UsageError } from '../shared/errors';

export interface SelectedTag {
  image: CatalogImage;
  tag: RenderedTag;
}

export function selectTargets(catalog: Catalog, specs: readonly string[]): SelectedTag[] {
  const all = catalog.images.flatMap((image) => image.tags.map((tag) => ({ image, tag })));
  if (specs.length === 0) return all;
  const wanted = new Set<RenderedTag>();
  for (const spec of specs) for (const tag of resolveSpec(catalog, spec)) wanted.add(tag);
  return all.filter((entry) => wanted.has(entry.tag));
}

function resolveSpec(catalog: Catalog, spec: string): RenderedTag[] {
  const colon = spec.indexOf(':');
  const name = colon >= 0 ? spec.slice(0, colon) : spec;
  const tagName = colon >= 0 ? spec.slice(colon + 1) : undefined;
  const image = catalog.images.find((i) => i.name === name);
  if (!image) {
    const suggestion = didYouMean(
      name,
      catalog.images.map((i) => i.name),
    );
    throw new UsageError(
      `"${spec}": there is no image "${name}" in the catalog` +
        (suggestion ? ` (did you mean "${suggestion}"?)` : `; images: ${catalog.images.map((i) => i.name).join(', ')}`),
    );
  }
  if (tagName === undefined || tagName === '') return image.tags;
  const direct = image.tags.find((t) => t.resolved.name === tagName);
  if (direct) return [direct];
  const alias = image.aliases.find((a) => a.alias === tagName);
  const target = alias && image.tags.find((t) => t.resolved.name === alias.target);
  if (target) return [target];
  const names = [...image.tags.map((t) => t.resolved.name), ...image.aliases.map((a) => a.alias)];
  const suggestion = didYouMean(tagName, names);
  throw new UsageError(
    `"${spec}": image "${name}" has no tag or alias "${tagName}"` +
      (suggestion
        ? ` (did you mean "${name}:${suggestion}"?)`
        : `; tags: ${image.tags.map((t) => t.resolved.name).join(', ')}`),
  );
}
