/**
 * Resolves a reference to a catalog image written in a template (`base`, `python:3.13`, `python:3` through an
 * alias) to one concrete tag, and formats the full registry reference generated Dockerfiles use, so that
 * `dist/` builds with any builder as it is. A multi-tag image referenced without a tag is an error listing its
 * tags (the PoC rendered `FROM None`).
 */
import { didYouMean } from '../shared/did-you-mean';

export interface ReferenceableImage {
  name: string;
  /** Base tag names (no variants), in declaration order. */
  baseTags: string[];
  /** Every tag, variants included. */
  allTags: Set<string>;
  /** Alias → target tag. */
  aliases: Map<string, string>;
}

export type ReferenceResolution =
  { ok: true; image: string; tag: string } | { ok: false; message: string; hint?: string };

export function resolveCatalogReference(text: string, images: Map<string, ReferenceableImage>): ReferenceResolution {
  const trimmed = text.trim();
  const colon = trimmed.lastIndexOf(':');
  const name = colon > 0 && !trimmed.slice(colon).includes('/') ? trimmed.slice(0, colon) : trimmed;
  const tag = name === trimmed ? undefined : trimmed.slice(colon + 1);
  const image = images.get(name);
  if (!image) {
    const suggestion = didYouMean(name, images.keys());
    return {
      ok: false,
      message: `"${name}" is not an image of this catalog`,
      hint: suggestion ? `did you mean "${suggestion}"?` : `known images: ${[...images.keys()].sort().join(', ')}`,
    };
  }
  if (tag === undefined) {
    if (image.baseTags.length === 1) return { ok: true, image: name, tag: image.baseTags[0] };
    return {
      ok: false,
      message: image.baseTags.length === 0 ? `"${name}" has no tags` : `"${name}" has several tags; say which one`,
      hint: image.baseTags.length ? `write one of: ${image.baseTags.map((t) => `${name}:${t}`).join(', ')}` : undefined,
    };
  }
  if (image.allTags.has(tag)) return { ok: true, image: name, tag };
  const target = image.aliases.get(tag);
  if (target) return { ok: true, image: name, tag: target };
  const suggestion = didYouMean(tag, [...image.allTags, ...image.aliases.keys()]);
  return {
    ok: false,
    message: `"${name}" has no tag or alias "${tag}"`,
    hint: suggestion ? `did you mean "${name}:${suggestion}"?` : `tags: ${[...image.allTags].join(', ')}`,
  };
}

/** `<registry>/<image>:<tag>[-<snapshot>]` — the reference every command agrees on. */
export function formatImageReference(registry: string, image: string, tag: string, snapshotId?: string): string {
  return `${registry}/${image}:${snapshotTag(tag, snapshotId)}`;
}

export function snapshotTag(tag: string, snapshotId?: string): string {
  return snapshotId ? `${tag}-${snapshotId}` : tag;
}
