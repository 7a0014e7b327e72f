/**
 * One report file for a whole test run (`test --report junit|json --output FILE`): GitLab's
 * `artifacts:reports:junit` reads one JUnit file per job, and a job may test several tags. The JUnit file holds one
 * testsuite per tag × platform, each exactly as in that platform's own junit.xml (same rendering, so both agree);
 * the JSON file is the array of the platforms' test-report.json documents.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { TestReport } from '../records/records';
import { renderJUnitXml } from '../structure-test/report/junit-xml';

export type CombinedReportFormat = 'junit' | 'json';
export const COMBINED_REPORT_FORMATS: readonly CombinedReportFormat[] = ['junit', 'json'];

export interface ReportEntry {
  report: TestReport;
}

export function renderCombinedJUnit(entries: ReportEntry[]): string {
  const totals = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  let durationMs = 0;
  const suites: string[] = [];
  for (const { report } of entries) {
    const lines = renderJUnitXml(report, { notRunAs: report.commandTestsSkipped ? 'skipped' : 'error' }).split('\n');
    const start = lines.findIndex((line) => line.startsWith('  <testsuite '));
    const end = lines.indexOf('  </testsuite>');
    if (start < 0 || end < start) throw new Error('renderJUnitXml did not render one testsuite');
    const counts = /tests="(\d+)" failures="(\d+)" errors="(\d+)" skipped="(\d+)"/.exec(lines[start]);
    if (!counts) throw new Error('renderJUnitXml rendered a testsuite without counts');
    totals.tests += Number(counts[1]);
    totals.failures += Number(counts[2]);
    totals.errors += Number(counts[3]);
    totals.skipped += Number(counts[4]);
    durationMs += report.summary.durationMs;
    suites.push(...lines.slice(start, end + 1));
  }
  const attributes = `tests="${totals.tests}" failures="${totals.failures}" errors="${totals.errors}" skipped="${totals.skipped}"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="image-manager structure tests" ${attributes} time="${(durationMs / 1000).toFixed(3)}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

export function renderCombinedJson(entries: ReportEntry[]): string {
  return `${JSON.stringify(
    entries.map((entry) => entry.report),
    null,
    2,
  )}\n`;
}

export async function writeCombinedReport(
  file: string,
  format: CombinedReportFormat,
  entries: ReportEntry[],
): Promise<void> {
  const content = format === 'junit' ? renderCombinedJUnit(entries) : renderCombinedJson(entries);
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.tmp-${process.pid}`;
  await fs.writeFile(temp, content);
  await fs.rename(temp, file);
}
