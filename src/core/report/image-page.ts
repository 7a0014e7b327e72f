/** `dist/<image>/index.html`: one image with its tags, aliases (and what to pull), versions and variants. */
import { pullReference } from './format';
import { badge, copyable, idFor, none } from './fragments';
import { type Html, markup } from './html';
import { renderDependencies, renderVariants, renderVersionsTable } from './image-sections';
import { renderPage } from './page-layout';
import { catalogPage, href, imagePage, tagPage } from './page-paths';
import type { ImageReport, ReportData } from './report-model';
import { renderTagsTable } from './tags-table';

export function renderImagePage(data: ReportData, image: ImageReport): string {
  const from = imagePage(image.name);
  const versions = renderVersionsTable(from, image);
  const variants = renderVariants(from, image);
  const base = image.isBaseImage ? markup` ${badge('base image')}` : null;
  const main = markup`<h1>${image.name}${base}</h1>
${image.description ? markup`<p class="lead">${image.description}</p>\n` : null}${renderDependencies(image, (name) => href(from, imagePage(name)))}<h2>Tags</h2>
${image.tags.length > 0 ? renderTagsTable(from, image) : markup`<p class="note">No tags.</p>\n`}<h2>Aliases</h2>
${renderAliases(data, from, image)}${versions ? markup`<h2>Versions</h2>\n${versions}` : null}${variants ? markup`<h2>Variants</h2>\n${variants}` : null}`;
  return renderPage({
    path: from,
    title: `${image.name} – Image catalog`,
    breadcrumb: [{ label: 'Image catalog', to: catalogPage() }, { label: image.name }],
    main,
    generatedAt: data.generatedAt,
  });
}

function renderAliases(data: ReportData, from: string, image: ImageReport): Html {
  if (image.aliases.length === 0) return markup`<p class="note">No aliases: each tag is pulled by its own name.</p>\n`;
  const rows = image.aliases.map(({ alias, tag }) => {
    const ref = pullReference(data.registry, data.snapshotId, image.name, alias);
    const pull = ref ? copyable(idFor('alias', image.name, alias), ref, `reference ${ref}`) : none();
    const exists = image.tags.some((t) => t.name === tag);
    const target = exists ? markup`<a href="${href(from, tagPage(image.name, tag))}">${tag}</a>` : tag;
    return markup`<tr><th scope="row">${alias}</th><td data-label="Points at">${target}</td><td data-label="Pull">${pull}</td></tr>
`;
  });
  return markup`<table class="stack">
<caption class="visually-hidden">Aliases of ${image.name}</caption>
<thead><tr><th scope="col">Alias</th><th scope="col">Points at</th><th scope="col">Pull</th></tr></thead>
<tbody>
${rows}</tbody>
</table>
`;
}
