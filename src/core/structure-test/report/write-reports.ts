/** Writes `test-report.json` and `junit.xml` beside each other (records.ts names), atomically. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { JUNIT_REPORT, TEST_REPORT, type TestReport } from '../../records/records';
import { renderJUnitXml } from './junit-xml';

export function renderTestReportJson(report: TestReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

export async function writeTestReports(
  directory: string,
  report: TestReport,
  options: { skipCommandTests?: boolean } = {},
): Promise<{ json: string; junit: string }> {
  await fs.mkdir(directory, { recursive: true });
  const json = path.join(directory, TEST_REPORT);
  const junit = path.join(directory, JUNIT_REPORT);
  await writeAtomically(json, renderTestReportJson(report));
  await writeAtomically(junit, renderJUnitXml(report, { notRunAs: options.skipCommandTests ? 'skipped' : 'error' }));
  return { json, junit };
}

async function writeAtomically(file: string, content: string): Promise<void> {
  const temp = `${file}.tmp-${process.pid}`;
  await fs.writeFile(temp, content);
  await fs.rename(temp, file);
}
