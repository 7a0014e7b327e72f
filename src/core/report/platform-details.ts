/** The per-platform facts of a tag page: what build.json recorded (reference, digest, size, bases, labels). */
import type { BuildRecord } from '../records/records';
import { formatBytes, formatDuration } from './format';
import { copyable, idFor, status } from './fragments';
import { type Html, markup } from './html';
import { platformAnchor } from './page-paths';
import type { PlatformReport, TagReport } from './report-model';
import { compareText } from './sort-order';

export function renderPlatformDetails(tag: TagReport): Html {
  return markup`${tag.platforms.map((p) => renderPlatform(tag, p))}`;
}

function renderPlatform(tag: TagReport, p: PlatformReport): Html {
  const id = platformAnchor(p.slug);
  const state = p.build ? status('ok', 'built') : status('none', 'not built');
  const body = p.build
    ? renderBuild(tag, p, p.build)
    : markup`<p class="note">No build record: this platform has not been built yet.</p>\n`;
  return markup`<section id="${id}" aria-labelledby="${id}-heading">
<h3 id="${id}-heading">${p.platform} ${state}</h3>
${body}</section>
`;
}

function renderBuild(tag: TagReport, p: PlatformReport, build: BuildRecord): Html {
  const what = `${tag.image}:${tag.name} for ${p.platform}`;
  const fact = (term: string, value: Html | string) => markup`<dt>${term}</dt><dd>${value}</dd>\n`;
  const size =
    build.size !== undefined
      ? fact('Size', markup`${formatBytes(build.size)} <span class="note">(${build.size} bytes compressed)</span>`)
      : null;
  return markup`<dl class="facts">
${fact('Reference', copyable(idFor('ref', p.slug), build.ref, `reference of ${what}`))}${fact('Digest', copyable(idFor('digest', p.slug), build.digest, `digest of ${what}`))}${size}${fact('Builder', build.builder)}${
    build.reusedFrom
      ? fact('Build', markup`not rebuilt: its inputs were unchanged, reused <code>${build.reusedFrom}</code>`)
      : fact('Build time', formatDuration(build.durationMs))
  }${build.inputDigest ? fact('Input digest', markup`<code>${build.inputDigest}</code>`) : null}${build.archive ? fact('Archive', markup`<code>${build.archive}</code>`) : null}</dl>
<h4>Base images</h4>
${renderBaseDigests(build)}<h4>Labels</h4>
${renderLabels(build)}`;
}

function renderBaseDigests(build: BuildRecord): Html {
  const entries = Object.entries(build.baseDigests).sort(([a], [b]) => compareText(a, b));
  if (entries.length === 0) return markup`<p class="note">None recorded (built from scratch).</p>\n`;
  const rows = entries.map(
    ([ref, digest]) =>
      markup`<tr><th scope="row"><code>${ref}</code></th><td data-label="Digest"><code>${digest}</code></td></tr>\n`,
  );
  return markup`<table class="stack">
<caption class="visually-hidden">Base images of the ${build.platform} image</caption>
<thead><tr><th scope="col">Reference</th><th scope="col">Digest</th></tr></thead>
<tbody>
${rows}</tbody>
</table>
`;
}

function renderLabels(build: BuildRecord): Html {
  const entries = Object.entries(build.labels ?? {}).sort(([a], [b]) => compareText(a, b));
  if (entries.length === 0) return markup`<p class="note">None recorded.</p>\n`;
  const rows = entries.map(
    ([key, value]) =>
      markup`<tr><th scope="row"><code>${key}</code></th><td data-label="Value" class="long">${value}</td></tr>\n`,
  );
  return markup`<table class="stack">
<caption class="visually-hidden">Labels of the ${build.platform} image</caption>
<thead><tr><th scope="col">Label</th><th scope="col">Value</th></tr></thead>
<tbody>
${rows}</tbody>
</table>
`;
}
