/**
 * `image[:tag]...` arguments → catalog tags, for every command that works per tag, in build order and each once.
 * No argument means every tag; a bare image name means all its tags; `image:alias` means the tag the alias points
 * at. Every unknown name is reported at once, with a suggestion, before anything runs.
 */
import type { Catalog } from '../../core/generate/catalog';
import { didYouMean } from '../../core/shared/did-you-mean';
import { UsageError } from '../../core/shared/errors';

export interface SelectedTag {
  image: string;
  tag: string;
}

export function selectTargets(catalog: Catalog, args: string[]): SelectedTag[] {
  const all = catalog.images.flatMap((i) => i.tags.map((t) => ({ image: i.name, tag: t.resolved.name })));
  if (args.length === 0) return all;
  const selected: SelectedTag[] = [];
  const problems: string[] = [];
  for (const arg of args) {
    const result = selectOne(catalog, arg);
    if (typeof result === 'string') problems.push(result);
    else selected.push(...result);
  }
  if (problems.length > 0) throw new UsageError(problems.join('; '));
  const wanted = new Set(selected.map((t) => `${t.image}:${t.tag}`));
  return all.filter((t) => wanted.has(`${t.image}:${t.tag}`));
}

/** The tags `arg` names, or why it names none. */
function selectOne(catalog: Catalog, arg: string): SelectedTag[] | string {
  const colon = arg.lastIndexOf(':');
  const hasTag = colon > 0 && !arg.slice(colon).includes('/');
  const name = hasTag ? arg.slice(0, colon) : arg;
  const tag = hasTag ? arg.slice(colon + 1) : undefined;
  const image = catalog.images.find((i) => i.name === name);
  if (!image) {
    const suggestion = didYouMean(
      name,
      catalog.images.map((i) => i.name),
    );
    const known = catalog.images.map((i) => i.name).join(', ') || 'none';
    return `"${name}" is not an image of this catalog (${suggestion ? `did you mean "${suggestion}"?` : `images: ${known}`})`;
  }
  if (tag === undefined) return image.tags.map((t) => ({ image: name, tag: t.resolved.name }));
  if (image.tags.some((t) => t.resolved.name === tag)) return [{ image: name, tag }];
  const alias = image.aliases.find((a) => a.alias === tag);
  if (alias) return [{ image: name, tag: alias.target }];
  const names = [...image.tags.map((t) => t.resolved.name), ...image.aliases.map((a) => a.alias)];
  const suggestion = didYouMean(tag, names);
  return `"${name}" has no tag or alias "${tag}" (${suggestion ? `did you mean "${name}:${suggestion}"?` : `tags: ${image.tags.map((t) => t.resolved.name).join(', ')}`})`;
}
