/**
 * The catalog as one markdown table (image, tag, platforms, digests, aliases, tests, SBOM package counts) for
 * GitHub job summaries and merge request comments. Several values in a cell are separated by `<br>`, which both
 * GitHub and GitLab render inside tables; every value is escaped for a table cell.
 */
import { formatBytes, shortDigest, shortPlatform } from './format';
import { testSummary } from './fragments';
import { loadReportData, type ReportOptions } from './load-report-data';
import { escapeMarkdownCell as cell, markdownCode } from './markdown-escape';
import type { ReportData, TagReport } from './report-model';

const HEADER =
  '| Image | Tag | Platforms | Digest | Aliases | Tests | SBOM packages |\n|---|---|---|---|---|---|---|\n';
const NONE = '–';

export async function renderSummaryMarkdown(distDir: string, options: ReportOptions = {}): Promise<string> {
  return summaryMarkdown(await loadReportData(distDir, options));
}

export function summaryMarkdown(data: ReportData): string {
  const rows = data.images.flatMap((image) => image.tags.map((tag) => renderRow(tag)));
  if (rows.length === 0) return 'No images in the catalog.\n';
  return HEADER + rows.join('');
}

function renderRow(tag: TagReport): string {
  const lines = (values: string[]) => (values.length > 0 ? values.join('<br>') : NONE);
  const platforms = tag.platforms.map((p) => {
    const arch = cell(shortPlatform(p.platform));
    if (!p.build) return `⬜ ${arch} not built`;
    const reused = p.build.reusedFrom ? ' (unchanged, reused)' : '';
    return p.build.size !== undefined
      ? `✅ ${arch} ${cell(formatBytes(p.build.size))}${reused}`
      : `✅ ${arch}${reused}`;
  });
  const digests = tag.platforms.flatMap((p) =>
    p.build ? [`${cell(shortPlatform(p.platform))} ${markdownCode(shortDigest(p.build.digest))}`] : [],
  );
  const tests = tag.platforms.flatMap((p) => {
    if (!p.test) return [];
    const summary = testSummary(p.test);
    const icon = summary.tone === 'bad' ? '❌' : summary.tone === 'ok' ? '✅' : '⬜';
    return [`${icon} ${cell(shortPlatform(p.platform))} ${cell(summary.text)}`];
  });
  const sboms = tag.platforms.flatMap((p) =>
    p.sbom ? [`${cell(shortPlatform(p.platform))} ${p.sbom.packageCount}`] : [],
  );
  const cells = [
    cell(tag.image),
    cell(tag.name),
    lines(platforms),
    lines(digests),
    tag.aliases.length > 0 ? tag.aliases.map(cell).join(', ') : NONE,
    tests.length > 0 ? lines(tests) : tag.hasTestConfig ? 'not run' : 'no tests',
    lines(sboms),
  ];
  return `| ${cells.join(' | ')} |\n`;
}
