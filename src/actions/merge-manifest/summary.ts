import type { PublishTagResult } from '../../core/publish/merge-tag';
import { shortDigest, shortPlatform } from '../../core/report/format';
import { escapeMarkdownCell as cell, markdownCode } from '../../core/report/markdown-escape';

/**
 * One row per published tag: the index digest, its platforms (each with its digest) and what happened to the
 * aliases. Built from the merge results, not from dist/ records: the build records stayed on the build runners.
 */
export function mergeSummaryTable(results: PublishTagResult[]): string {
  if (results.length === 0) return '';
  const rows = results.map((result) => {
    const state = result.missingPlatforms.length
      ? `⚠️ partial, missing ${result.missingPlatforms.map((p) => cell(shortPlatform(p))).join(', ')}`
      : result.indexChanged
        ? '✅ published'
        : '✅ unchanged';
    const platforms = result.platforms
      .map((p) => `${cell(shortPlatform(p.platform))} ${markdownCode(shortDigest(p.digest))}`)
      .join('<br>');
    const aliases = result.aliasesNotMoved.length
      ? `not moved: ${result.aliasesNotMoved.map(cell).join(', ')}`
      : result.aliases.map((a) => `${cell(a.tag)}${a.changed ? '' : ' (unchanged)'}`).join(', ') || '–';
    const tag = cell(result.ref.slice(result.ref.lastIndexOf(':') + 1));
    return `| ${cell(result.image)} | ${tag} | ${state} | ${markdownCode(shortDigest(result.indexDigest))} | ${platforms} | ${aliases} |\n`;
  });
  return `| Image | Tag | State | Index digest | Platforms | Aliases |\n|---|---|---|---|---|---|\n${rows.join('')}`;
}
