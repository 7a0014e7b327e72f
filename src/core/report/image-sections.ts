/** Parts of an image's description shared by the catalog and image pages: versions, variants, dependencies. */
import { commaList } from './fragments';
import { type Html, markup } from './html';
import { href, tagPage } from './page-paths';
import type { ImageReport } from './report-model';
import { tagFilterText } from './tags-table';

const MISSING = '–';

/** The union of version keys across the image's tags, in order of first appearance. */
export function versionKeys(image: ImageReport): string[] {
  const keys: string[] = [];
  for (const tag of image.tags) for (const key of Object.keys(tag.versions)) if (!keys.includes(key)) keys.push(key);
  return keys;
}

/** A row per tag, a column per version key; a tag without that key shows `–`. Null when no tag has versions. */
export function renderVersionsTable(from: string, image: ImageReport): Html | null {
  const keys = versionKeys(image);
  if (keys.length === 0) return null;
  const rows = image.tags.map((tag) => {
    const link = markup`<a href="${href(from, tagPage(image.name, tag.name))}">${tag.name}</a>`;
    const cells = keys.map((key) => markup`<td data-label="${key}">${tag.versions[key] ?? MISSING}</td>`);
    return markup`<tr data-filter-item data-filter-text="${tagFilterText(tag)}"><th scope="row">${link}</th>${cells}</tr>
`;
  });
  const head = ['Tag', ...keys].map((key) => markup`<th scope="col">${key}</th>`);
  return markup`<table class="stack compact">
<caption class="visually-hidden">Versions in each tag of ${image.name}</caption>
<thead><tr>${head}</tr></thead>
<tbody>
${rows}</tbody>
</table>
`;
}

/** Variants in order of first appearance, each with its tags. Null when the image has none. */
export function renderVariants(from: string, image: ImageReport): Html | null {
  const variants = new Map<string, string[]>();
  for (const tag of image.tags) {
    if (tag.variant !== null) variants.set(tag.variant, [...(variants.get(tag.variant) ?? []), tag.name]);
  }
  if (variants.size === 0) return null;
  const items = [...variants].map(([variant, tags]) => {
    const links = tags.map((tag) => markup`<a href="${href(from, tagPage(image.name, tag))}">${tag}</a>`);
    return markup`<li data-filter-item data-filter-text="${[variant, ...tags].join(' ')}"><strong>${variant}</strong>: ${commaList(links)}</li>
`;
  });
  return markup`<ul class="plain-list">
${items}</ul>
`;
}

/** "Builds on" and "Used by" as links; `link` decides where an image name points from this page. */
export function renderDependencies(image: ImageReport, link: (name: string) => string): Html {
  const list = (names: string[]) =>
    names.length === 0
      ? markup`<span class="note">no other image of this catalog</span>`
      : commaList(names.map((name) => markup`<a href="${link(name)}">${name}</a>`));
  return markup`<dl class="facts">
<dt>Builds on</dt><dd>${list(image.dependsOn)}</dd>
<dt>Used by</dt><dd>${list(image.dependents)}</dd>
</dl>
`;
}
