/**
 * `image[:tag]...` arguments → catalog tags, for every command that works per tag: no argument means every tag, a
 * bare image name all its tags, `image:alias` the tag the alias points at. The result is in build order whatever
 * order the arguments came in, each tag once. Every unknown name is reported at once, with a suggestion, before
 * anything runs.
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
  const problems: string[] = [];
  for (const spec of specs) {
    const result = resolveSpec(catalog, spec);
    if (typeof result === 'string') problems.push(result);
    else for (const tag of result) wanted.add(tag);
  }
  if (problems.length > 0) throw new UsageError(problems.join('; '));
  return all.filter((entry) => wanted.has(entry.tag));
}

/** The tags `spec` names, or why it names none. */
function resolveSpec(catalog: Catalog, spec: string): RenderedTag[] | string {
  const colon = spec.lastIndexOf(':');
  // `registry:5000/x` has a colon that is no tag separator.
  const hasTag = colon > 0 && !spec.slice(colon).includes('/');
  const name = hasTag ? spec.slice(0, colon) : spec;
  const tagName = hasTag ? spec.slice(colon + 1) : undefined;
  const image = catalog.images.find((i) => i.name === name);
  if (!image) {
    const suggestion = didYouMean(
      name,
      catalog.images.map((i) => i.name),
    );
    const known = catalog.images.map((i) => i.name).join(', ') || 'none';
    return `"${name}" is not an image of this catalog (${suggestion ? `did you mean "${suggestion}"?` : `images: ${known}`})`;
  }
  if (tagName === undefined || tagName === '') return image.tags;
  const direct = image.tags.find((t) => t.resolved.name === tagName);
  if (direct) return [direct];
  const alias = image.aliases.find((a) => a.alias === tagName);
  const target = alias && image.tags.find((t) => t.resolved.name === alias.target);
  if (target) return [target];
  const names = [...image.tags.map((t) => t.resolved.name), ...image.aliases.map((a) => a.alias)];
  const suggestion = didYouMean(tagName, names);
  return `"${name}" has no tag or alias "${tagName}" (${
    suggestion ? `did you mean "${name}:${suggestion}"?` : `tags: ${image.tags.map((t) => t.resolved.name).join(', ')}`
  })`;
}
