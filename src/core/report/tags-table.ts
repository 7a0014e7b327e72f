/**
 * The table of an image's tags (catalog and image pages): aliases, the platforms actually built (from
 * build.json) with their digests, test results and SBOM package counts, each linking to the detailed page.
 */
import { formatBytes, shortPlatform } from './format';
import { chips, copyable, idFor, none, packageCount, status, testStatus } from './fragments';
import { type Html, markup } from './html';
import { href, sbomPage, tagPage, testsAnchor } from './page-paths';
import type { ImageReport, TagReport } from './report-model';

export function renderTagsTable(from: string, image: ImageReport): Html {
  const head = ['Tag', 'Aliases', 'Platforms', 'Tests', 'SBOM'].map((c) => markup`<th scope="col">${c}</th>`);
  return markup`<table class="stack">
<caption class="visually-hidden">Tags of ${image.name}</caption>
<thead><tr>${head}</tr></thead>
<tbody>
${image.tags.map((tag) => renderTagRow(from, tag))}</tbody>
</table>
`;
}

/** What the catalog's filter box matches a tag row against. */
export function tagFilterText(tag: TagReport): string {
  const digests = tag.platforms.flatMap((p) => (p.build ? [p.build.digest] : []));
  return [`${tag.image}:${tag.name}`, ...tag.aliases, tag.variant ?? '', ...Object.values(tag.versions), ...digests]
    .filter(Boolean)
    .join(' ');
}

function renderTagRow(from: string, tag: TagReport): Html {
  const link = markup`<a href="${href(from, tagPage(tag.image, tag.name))}">${tag.name}</a>`;
  const variant = tag.variant ? markup` <span class="badge">variant ${tag.variant}</span>` : null;
  return markup`<tr data-filter-item data-filter-text="${tagFilterText(tag)}">
<th scope="row">${link}${variant}</th>
<td data-label="Aliases">${chips(tag.aliases)}</td>
<td data-label="Platforms">${renderPlatforms(tag)}</td>
<td data-label="Tests">${renderTests(from, tag)}</td>
<td data-label="SBOM">${renderSboms(from, tag)}</td>
</tr>
`;
}

function renderPlatforms(tag: TagReport): Html {
  const items = tag.platforms.map((p) => {
    const arch = shortPlatform(p.platform);
    if (!p.build) return markup`<li>${status('none', `${arch} not built`)}</li>`;
    const size =
      p.build.size !== undefined ? markup` <span class="note nowrap">${formatBytes(p.build.size)}</span>` : null;
    const id = idFor('digest', tag.image, tag.name, p.slug);
    const digest = copyable(id, p.build.digest, `digest of ${tag.image}:${tag.name} for ${p.platform}`, true);
    return markup`<li>${status('ok', `${arch} built`)} ${digest}${size}</li>`;
  });
  return markup`<ul class="plain-list">${items}</ul>`;
}

function renderTests(from: string, tag: TagReport): Html {
  if (!tag.hasTestConfig && tag.platforms.every((p) => !p.test))
    return markup`<span class="note">no tests defined</span>`;
  const items = tag.platforms.map((p) => {
    const arch = shortPlatform(p.platform);
    if (!p.test) return markup`<li>${arch}: <span class="note">not run</span></li>`;
    const link = href(from, tagPage(tag.image, tag.name), testsAnchor(p.slug));
    const context = markup`<span class="visually-hidden"> tests of ${tag.image}:${tag.name}</span>`;
    return markup`<li><a href="${link}">${arch}${context}</a>: ${testStatus(p.test)}</li>`;
  });
  return markup`<ul class="plain-list">${items}</ul>`;
}

function renderSboms(from: string, tag: TagReport): Html {
  if (tag.platforms.every((p) => !p.sbom)) return markup`<span class="note">not generated</span>`;
  const items = tag.platforms.map((p) => {
    const arch = shortPlatform(p.platform);
    if (!p.sbom) return markup`<li>${arch}: ${none()}</li>`;
    const link = href(from, sbomPage(tag.image, tag.name, p.slug));
    return markup`<li class="nowrap">${arch}: <a href="${link}">${packageCount(p.sbom.packageCount)}</a></li>`;
  });
  return markup`<ul class="plain-list">${items}</ul>`;
}
