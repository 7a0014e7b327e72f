/** `dist/<image>/<tag>/index.html`: one tag per platform (build, tests, SBOM) and its generated Dockerfile. */
import { pullReference } from './format';
import { badge, chips, copyable, idFor, none, packageCount } from './fragments';
import { type Html, markup } from './html';
import { renderPage } from './page-layout';
import { catalogPage, href, imagePage, sbomPage, tagFile, tagPage } from './page-paths';
import { renderPlatformDetails } from './platform-details';
import type { ImageReport, ReportData, TagReport } from './report-model';
import { renderTestResults } from './test-results';

export function renderTagPage(data: ReportData, image: ImageReport, tag: TagReport): string {
  const from = tagPage(image.name, tag.name);
  const variant = tag.variant ? markup` ${badge(`variant ${tag.variant}`)}` : null;
  const main = markup`<h1>${image.name}:${tag.name}${variant}</h1>
${renderFacts(data, image, tag)}<h2>Platforms</h2>
${renderPlatformDetails(tag)}<h2>Tests</h2>
${renderTestResults(tag)}<h2>SBOM</h2>
${renderSbomLinks(from, tag)}<h2>Dockerfile</h2>
${renderDockerfile(from, tag)}`;
  return renderPage({
    path: from,
    title: `${image.name}:${tag.name} – Image catalog`,
    breadcrumb: [
      { label: 'Image catalog', to: catalogPage() },
      { label: image.name, to: imagePage(image.name) },
      { label: tag.name },
    ],
    main,
    generatedAt: data.generatedAt,
  });
}

function renderFacts(data: ReportData, image: ImageReport, tag: TagReport): Html {
  const from = tagPage(image.name, tag.name);
  const ref = pullReference(data.registry, data.snapshotId, image.name, tag.name);
  const pull = ref ? markup`<dt>Pull</dt><dd>${copyable(idFor('pull'), ref, `reference ${ref}`)}</dd>\n` : null;
  const baseTag =
    tag.baseTag && image.tags.some((t) => t.name === tag.baseTag)
      ? markup`<a href="${href(from, tagPage(image.name, tag.baseTag))}">${tag.baseTag}</a>`
      : tag.baseTag;
  const variant = tag.variant ? markup`<dt>Variant</dt><dd>${tag.variant}, built from ${baseTag}</dd>\n` : null;
  const entries = Object.entries(tag.versions);
  const versions =
    entries.length > 0
      ? markup`<ul class="plain-list">${entries.map(([k, v]) => markup`<li>${k} <strong>${v}</strong></li>`)}</ul>`
      : none();
  return markup`<dl class="facts">
${pull}${variant}<dt>Aliases</dt><dd>${chips(tag.aliases)}</dd>
<dt>Versions</dt><dd>${versions}</dd>
</dl>
`;
}

function renderSbomLinks(from: string, tag: TagReport): Html {
  const items = tag.platforms.map((p) => {
    if (!p.sbom) return markup`<li>${p.platform}: <span class="note">no SBOM yet</span></li>\n`;
    const page = href(from, sbomPage(tag.image, tag.name, p.slug));
    const file = p.files.sbomDocument;
    const document = file
      ? markup`, <a href="${href(from, tagFile(tag.image, tag.name, `${p.slug}/${file}`))}">${file}</a>`
      : null;
    const context = markup`<span class="visually-hidden"> on ${p.platform}</span>`;
    return markup`<li>${p.platform}: <a href="${page}">${packageCount(p.sbom.packageCount)}${context}</a> <span class="note">(${p.sbom.format} by ${p.sbom.scanner}${document})</span></li>
`;
  });
  return markup`<ul class="plain-list">
${items}</ul>
`;
}

function renderDockerfile(from: string, tag: TagReport): Html {
  if (tag.dockerfile === null)
    return markup`<p class="note">The generated Dockerfile is missing: run <code>image-manager generate</code>.</p>\n`;
  const raw = href(from, tagFile(tag.image, tag.name, 'Dockerfile'));
  return markup`<p>As generated (<a href="${raw}">plain file</a>):</p>
<pre><code>${tag.dockerfile}</code></pre>
`;
}
