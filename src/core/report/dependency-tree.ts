/**
 * The catalog's FROM graph as nested lists: each image under the images it builds on. Nested lists are read out
 * as a tree by screen readers, need no script and stay readable on a phone, unlike a drawn graph. An image with
 * several parents is listed under each; its own subtree is shown only the first time.
 */
import { badge } from './fragments';
import { type Html, markup } from './html';
import type { ImageReport } from './report-model';

export function renderDependencyTree(images: ImageReport[], link: (name: string) => string): Html {
  const known = new Set(images.map((i) => i.name));
  const children = new Map<string, ImageReport[]>();
  for (const image of images)
    for (const parent of image.dependsOn) children.set(parent, [...(children.get(parent) ?? []), image]);
  const expanded = new Set<string>();
  const node = (image: ImageReport): Html => {
    const base = image.isBaseImage ? markup` ${badge('base image')}` : null;
    const label = markup`<a href="${link(image.name)}">${image.name}</a>${base}`;
    if (expanded.has(image.name)) return markup`<li>${label} <span class="note">(shown above)</span></li>`;
    expanded.add(image.name);
    const below = children.get(image.name) ?? [];
    const subtree = below.length > 0 ? markup`<ul>${below.map((child) => node(child))}</ul>` : null;
    return markup`<li>${label}${subtree}</li>`;
  };
  const roots = images.filter((image) => image.dependsOn.every((parent) => !known.has(parent)));
  return markup`<ul class="tree">${roots.map((root) => node(root))}</ul>
`;
}
