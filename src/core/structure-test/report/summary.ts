/** The one-line result of a test run, for logs, job summaries and the CLI. */
import type { TestReport } from '../../records/records';

export function summarizeTestReport(report: TestReport, passed: boolean): string {
  const { passed: ok, failed, errors, notRun, durationMs } = report.summary;
  const parts = [`${ok} passed`, `${failed} failed`];
  if (errors > 0) parts.push(`${errors} ${errors === 1 ? 'error' : 'errors'}`);
  if (notRun > 0) parts.push(`${notRun} not run`);
  const runtime = report.runtime ? ` (command tests: ${report.runtime})` : '';
  const verdict = passed ? 'PASSED' : 'FAILED';
  return `${verdict} ${report.image}:${report.tag} ${report.platform}: ${parts.join(', ')} in ${(durationMs / 1000).toFixed(1)} s${runtime}`;
}
