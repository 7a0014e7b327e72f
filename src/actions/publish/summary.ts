import type { PromoteResult } from '../../core/publish/promote-tags';
import { shortDigest } from '../../core/report/format';
import { escapeMarkdownCell as cell, markdownCode } from '../../core/report/markdown-escape';

/** One row per released tag: where it came from, its digest, its aliases and the test reports it was gated on. */
export function publishSummaryTable(results: PromoteResult[]): string {
  if (results.length === 0) return '';
  const rows = results.map((result) => {
    const tagOf = (ref: string) => ref.slice(ref.lastIndexOf(':') + 1);
    const aliases = result.aliases.map((a) => `${cell(a.tag)}${a.changed ? '' : ' (unchanged)'}`).join(', ') || '–';
    const tests = result.testProblemsIgnored.length
      ? `⚠️ ${result.testProblemsIgnored.length} problems ignored`
      : result.testReports
        ? `✅ ${result.testReports} reports passed`
        : 'no reports in this job';
    const state = result.index.changed ? '' : ' (unchanged)';
    return `| ${cell(result.image)} | ${cell(result.tag)}${state} | ${cell(tagOf(result.from))} | ${markdownCode(shortDigest(result.indexDigest))} | ${aliases} | ${tests} |\n`;
  });
  return `| Image | Tag | From | Digest | Aliases | Tests |\n|---|---|---|---|---|---|\n${rows.join('')}`;
}
