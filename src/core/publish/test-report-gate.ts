/**
 * The test gate of `promote`: a snapshot is only promoted when the test reports found for it passed. Reports live
 * in `<dist>/<image>/<tag>/linux-<arch>/test-report.json`. No report at all is allowed (a CI pipeline gates on its
 * own test jobs) but said out loud; once any report exists, every platform needs one, each with no failure or
 * error, and a report that names another image (a stale artifact) does not count.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { platformSlug, TEST_REPORT, type TestReport } from '../records/records';
import { tryParseReference } from '../registry';

export interface TestGateInput {
  tagDir: string;
  /** Declared platforms with the digest of each one's image in the snapshot index. */
  platforms: Array<{ platform: string; digest: string }>;
  /** Tags and digests a report's `ref` may name: the snapshot index and platform tags and their digests. */
  acceptedRefs: { tags: string[]; digests: string[] };
}

export interface TestGateResult {
  /** Report files found, one per platform at most. */
  reports: Array<{ platform: string; file: string; summary: TestReport['summary'] }>;
  /** Why the snapshot must not be promoted; empty when it may. */
  problems: string[];
}

export async function checkTestReports(input: TestGateInput): Promise<TestGateResult> {
  const read = await Promise.all(input.platforms.map((p) => readReport(input.tagDir, p.platform)));
  const found = read.filter((r) => r.report !== undefined || r.error !== undefined);
  if (found.length === 0) return { reports: [], problems: [] };

  const problems: string[] = [];
  const reports: TestGateResult['reports'] = [];
  for (const entry of read) {
    const { platform, file, report, error } = entry;
    if (error) {
      problems.push(`${file} is not a readable test report (${error}); re-run the tests`);
      continue;
    }
    if (!report) {
      problems.push(`no test report for ${platform} (${file}) while other platforms have one; test ${platform} too`);
      continue;
    }
    reports.push({ platform, file, summary: report.summary });
    const { failed, errors, passed, notRun } = report.summary;
    if (failed > 0 || errors > 0) {
      const names = report.tests
        .filter((t) => t.status === 'failed' || t.status === 'error')
        .slice(0, 5)
        .map((t) => `"${t.name}"`);
      problems.push(
        `tests failed on ${platform}: ${failed} failed, ${errors} errors, ${passed} passed, ${notRun} not run` +
          `${names.length ? ` (${names.join(', ')})` : ''}; see ${file}`,
      );
    }
    if (notRun > 0 && !report.commandTestsSkipped) {
      problems.push(
        `${notRun} test(s) did not run on ${platform} (no container runtime for command tests?); see ${file} — a test that did not run is not a pass`,
      );
    }
    if (report.ref && !namesSnapshot(report.ref, input.acceptedRefs)) {
      problems.push(
        `${file} reports on ${report.ref}, not on this snapshot (${input.acceptedRefs.tags[0]}): a stale report? re-run the tests for this snapshot`,
      );
    }
  }
  return { reports, problems };
}

interface ReadReport {
  platform: string;
  file: string;
  report?: TestReport;
  error?: string;
}

async function readReport(tagDir: string, platform: string): Promise<ReadReport> {
  const file = path.join(tagDir, platformSlug(platform), TEST_REPORT);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { platform, file };
    return { platform, file, error: (error as Error).message };
  }
  try {
    const report = JSON.parse(text) as TestReport;
    const s = report?.summary;
    const counts = [s?.passed, s?.failed, s?.errors, s?.notRun];
    if (!counts.every((n) => typeof n === 'number') || !Array.isArray(report.tests)) {
      return { platform, file, error: 'summary counts or tests missing' };
    }
    return { platform, file, report };
  } catch (error) {
    return { platform, file, error: (error as Error).message };
  }
}

/** Registry and repository may differ (a mirror, a proxy); the tag or digest must be this snapshot's. */
function namesSnapshot(ref: string, accepted: TestGateInput['acceptedRefs']): boolean {
  const parsed = tryParseReference(ref);
  if (!parsed.ok) return false;
  const { tag, digest } = parsed.reference;
  if (digest) return accepted.digests.includes(digest);
  return tag !== undefined && accepted.tags.includes(tag);
}
