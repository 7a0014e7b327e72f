/** `dist/index.html`: every image with its tags, built platforms, digests, tests and SBOMs, and a filter box. */
import { renderDependencyTree } from './dependency-tree';
import { badge, status } from './fragments';
import { type Html, markup } from './html';
import { renderDependencies, renderVariants, renderVersionsTable } from './image-sections';
import { renderPage } from './page-layout';
import { catalogPage, href, imageAnchor, imagePage, selfHref } from './page-paths';
import type { ImageReport, ReportData } from './report-model';
import { renderTagsTable } from './tags-table';

export function renderCatalogPage(data: ReportData): string {
  const from = catalogPage();
  const toAnchor = (name: string) => selfHref(imageAnchor(name));
  const count = `${data.images.length} ${data.images.length === 1 ? 'image' : 'images'}`;
  const main = markup`<h1>Image catalog</h1>
${renderLead(data)}${renderStats(data)}<nav aria-labelledby="dependency-heading">
<h2 id="dependency-heading">Images by dependency</h2>
<p class="note">Each image is listed under the images it builds on.</p>
${renderDependencyTree(data.images, toAnchor)}</nav>
<h2>Images</h2>
<div class="filter" data-filter data-filter-count="groups" data-filter-noun="image|images" hidden>
<label for="filter">Filter images and tags</label>
<input type="search" id="filter" autocomplete="off" spellcheck="false" aria-describedby="filter-status">
<p id="filter-status" data-filter-status>${count}</p>
</div>
${data.images.map((image) => renderImageSection(from, image, toAnchor))}<p class="note" data-filter-empty hidden>No image or tag matches the filter.</p>
`;
  return renderPage({ path: from, title: 'Image catalog', breadcrumb: [], main, generatedAt: data.generatedAt });
}

function renderLead(data: ReportData): Html {
  const registry = data.registry ? markup`Registry <code>${data.registry}</code>` : 'No registry configured';
  const snapshot = data.snapshotId ? markup` ${status('none', `snapshot ${data.snapshotId}`)}` : null;
  return markup`<p class="lead">${registry}${snapshot}. Platforms: ${data.platforms.join(', ')}.</p>
`;
}

function renderStats(data: ReportData): Html {
  const tags = data.images.flatMap((i) => i.tags);
  const platformImages = tags.flatMap((t) => t.platforms);
  const built = platformImages.filter((p) => p.build).length;
  const failing = platformImages.filter((p) => p.test && p.test.summary.failed + p.test.summary.errors > 0).length;
  const aliases = data.images.reduce((n, i) => n + i.aliases.length, 0);
  const stat = (value: Html | number, label: string) => markup`<li><strong>${value}</strong> ${label}</li>
`;
  return markup`<ul class="stats" aria-label="Summary">
${stat(data.images.length, data.images.length === 1 ? 'image' : 'images')}${stat(tags.length, tags.length === 1 ? 'tag' : 'tags')}${stat(aliases, aliases === 1 ? 'alias' : 'aliases')}${stat(built, `of ${platformImages.length} platform images built`)}${stat(failing, `platform ${failing === 1 ? 'image' : 'images'} with failing tests`)}</ul>
`;
}

function renderImageSection(from: string, image: ImageReport, toAnchor: (name: string) => string): Html {
  const id = imageAnchor(image.name);
  const versions = renderVersionsTable(from, image);
  const variants = renderVariants(from, image);
  const base = image.isBaseImage ? markup` ${badge('base image')}` : null;
  const filterText = [image.name, image.description ?? ''].join(' ').trim();
  return markup`<section class="image" id="${id}" aria-labelledby="${id}-heading" data-filter-group data-filter-text="${filterText}">
<h3 id="${id}-heading"><a href="${href(from, imagePage(image.name))}">${image.name}</a>${base}</h3>
${image.description ? markup`<p>${image.description}</p>\n` : null}${renderDependencies(image, toAnchor)}<h4>Tags</h4>
${image.tags.length > 0 ? renderTagsTable(from, image) : markup`<p class="note">No tags.</p>\n`}${versions ? markup`<h4>Versions</h4>\n${versions}` : null}${variants ? markup`<h4>Variants</h4>\n${variants}` : null}</section>
`;
}
