/** `dist/<image>/<tag>/linux-<arch>/sbom.html`: the packages of one platform image, with a filter box. */
import type { SbomRecord } from '../records/records';
import { packageCount } from './fragments';
import { type Html, markup } from './html';
import { renderPage } from './page-layout';
import { catalogPage, href, imagePage, sbomPage, tagFile, tagPage } from './page-paths';
import type { PlatformReport, ReportData, TagReport } from './report-model';
import { compareText, compareTextIgnoringCase } from './sort-order';

type SbomPackage = SbomRecord['packages'][number];

export function renderSbomPage(data: ReportData, tag: TagReport, platform: PlatformReport, sbom: SbomRecord): string {
  const from = sbomPage(tag.image, tag.name, platform.slug);
  const packages = [...sbom.packages].sort(comparePackages);
  const file = platform.files.sbomDocument;
  const document = file
    ? markup` Full document: <a href="${href(from, tagFile(tag.image, tag.name, `${platform.slug}/${file}`))}">${file}</a>.`
    : null;
  const main = markup`<h1>SBOM of ${tag.image}:${tag.name} for ${platform.platform}</h1>
<p class="lead">${packageCount(sbom.packageCount)}, ${sbom.format} by ${sbom.scanner}.${document}</p>
<div class="filter" data-filter data-filter-count="items" data-filter-noun="package|packages" hidden>
<label for="filter">Filter packages</label>
<input type="search" id="filter" autocomplete="off" spellcheck="false" aria-describedby="filter-status">
<p id="filter-status" data-filter-status>${packageCount(packages.length)}</p>
</div>
${packages.length > 0 ? renderTable(tag, platform, packages) : markup`<p class="note">The SBOM lists no packages.</p>\n`}<p class="note" data-filter-empty hidden>No package matches the filter.</p>
`;
  return renderPage({
    path: from,
    title: `SBOM of ${tag.image}:${tag.name} (${platform.platform}) – Image catalog`,
    breadcrumb: [
      { label: 'Image catalog', to: catalogPage() },
      { label: tag.image, to: imagePage(tag.image) },
      { label: tag.name, to: tagPage(tag.image, tag.name) },
      { label: `SBOM ${platform.platform}` },
    ],
    main,
    generatedAt: data.generatedAt,
  });
}

function renderTable(tag: TagReport, platform: PlatformReport, packages: SbomPackage[]): Html {
  const cell = (label: string, value: string | undefined, code = false) => {
    const content = !value ? markup`<span class="note">–</span>` : code ? markup`<code>${value}</code>` : value;
    return markup`<td data-label="${label}">${content}</td>`;
  };
  const rows = packages.map(
    (pkg) =>
      markup`<tr data-filter-item><th scope="row">${pkg.name}</th>${cell('Version', pkg.version)}${cell('Type', pkg.type)}${cell('PURL', pkg.purl, true)}${cell('License', pkg.license)}</tr>\n`,
  );
  const head = ['Name', 'Version', 'Type', 'PURL', 'License'].map((c) => markup`<th scope="col">${c}</th>`);
  return markup`<table class="stack" data-filter-group>
<caption class="visually-hidden">Packages in ${tag.image}:${tag.name} for ${platform.platform}</caption>
<thead><tr>${head}</tr></thead>
<tbody>
${rows}</tbody>
</table>
`;
}

/** By name as people scan it, then version, type and purl so equal names keep one order everywhere. */
function comparePackages(a: SbomPackage, b: SbomPackage): number {
  return (
    compareTextIgnoringCase(a.name, b.name) ||
    compareText(a.version, b.version) ||
    compareText(a.type, b.type) ||
    compareText(a.purl ?? '', b.purl ?? '')
  );
}
