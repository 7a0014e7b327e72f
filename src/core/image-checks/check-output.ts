/**
 * What `test` and `sbom` print on stdout: per platform image where it came from, each test with its result and
 * duration and, when it did not pass, what differed; a summary line per platform and one for the run.
 */
import * as path from 'node:path';
import type { TestCaseResult } from '../records/records';
import type { TagSbomResult, PlatformSbomResult } from './image-sboms';
import type { PlatformTestResult, TagTestResult } from './image-tests';

const LABELS: Record<TestCaseResult['status'], string> = {
  passed: 'PASS',
  failed: 'FAIL',
  error: 'ERROR',
  'not-run': 'NOT RUN',
};
const LABEL_WIDTH = 8;

/** Absolute paths relative to where the user ran the command; anything else (a reference) as it is. */
export function displayPath(cwd: string, file: string): string {
  if (!path.isAbsolute(file)) return file;
  const relative = path.relative(cwd, file);
  return relative.startsWith('..') ? file : relative;
}

/** `show` turns absolute paths into what the user should see (relative to where they ran the command). */
export function formatPlatformTests(result: PlatformTestResult, show: (file: string) => string): string {
  const { report } = result;
  const lines = [`${report.image}:${report.tag} ${report.platform}${result.from ? ` ← ${show(result.from)}` : ''}`];
  for (const test of report.tests) {
    lines.push(
      `  ${LABELS[test.status].padEnd(LABEL_WIDTH)} ${test.kind}: ${test.name} (${formatMs(test.durationMs)})`,
    );
    if (test.status !== 'passed' && test.message) {
      for (const line of test.message.split('\n')) lines.push(`  ${' '.repeat(LABEL_WIDTH)} ${line}`);
    }
  }
  lines.push(result.summary, `  reports: ${show(result.files.json)}, ${show(result.files.junit)}`);
  return `${lines.join('\n')}\n`;
}

function formatMs(ms: number): string {
  return ms >= 10000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

export function formatTestRun(results: TagTestResult[]): string {
  const platforms = results.flatMap((r) => r.platforms);
  const failed = platforms.filter((p) => !p.passed).length;
  const untested = results.filter((r) => !r.hasTests).map((r) => `${r.image}:${r.tag}`);
  const skipped = results.flatMap((r) => r.skipped.map((s) => `${r.image}:${r.tag} ${s.platform}`));
  const parts = [
    `${platforms.length} platform image${platforms.length === 1 ? '' : 's'} tested: ${platforms.length - failed} passed, ${failed} failed`,
  ];
  if (untested.length > 0) parts.push(`no tests: ${untested.join(', ')}`);
  if (skipped.length > 0) parts.push(`not built, skipped: ${skipped.join(', ')}`);
  return `${failed > 0 ? 'FAILED' : 'PASSED'} ${parts.join('; ')}\n`;
}

export function formatPlatformSbom(result: PlatformSbomResult, show: (file: string) => string): string {
  const name = `${result.image}:${result.tag} ${result.platform}`;
  if (result.error || !result.record || !result.file) return `FAILED ${name}: ${result.error ?? 'no SBOM written'}\n`;
  const copy = result.copy ? ` (copy: ${show(result.copy)})` : '';
  return `${name}: ${result.record.packageCount} packages (${result.record.scanner}) → ${show(result.file)}${copy}\n`;
}

export function formatSbomRun(results: TagSbomResult[]): string {
  const platforms = results.flatMap((r) => r.platforms);
  const failed = platforms.filter((p) => p.error !== undefined).length;
  const skipped = results.flatMap((r) => r.skipped.map((s) => `${r.image}:${r.tag} ${s.platform}`));
  const parts = [
    `${platforms.length - failed} SBOM${platforms.length - failed === 1 ? '' : 's'} written, ${failed} failed`,
  ];
  if (skipped.length > 0) parts.push(`not built, skipped: ${skipped.join(', ')}`);
  return `${failed > 0 ? 'FAILED' : 'DONE'} ${parts.join('; ')}\n`;
}
