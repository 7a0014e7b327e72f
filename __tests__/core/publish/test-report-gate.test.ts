import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { checkTestReports } from '../../../src/core/publish/test-report-gate';
import type { TestReport } from '../../../src/core/records/records';

function tagDirWith(reports: Record<string, Partial<TestReport>>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'im-gate-'));
  for (const [slug, report] of Object.entries(reports)) {
    mkdirSync(path.join(dir, slug));
    const full: TestReport = {
      image: 'app',
      tag: '1.0.0',
      platform: slug.replace('-', '/'),
      runtime: 'podman',
      summary: { passed: 1, failed: 0, errors: 0, notRun: 0, durationMs: 1 },
      tests: [],
      ...report,
    };
    writeFileSync(path.join(dir, slug, 'test-report.json'), JSON.stringify(full));
  }
  return dir;
}

const gate = (dir: string) =>
  checkTestReports({
    tagDir: dir,
    platforms: [{ platform: 'linux/amd64', digest: 'sha256:a' }],
    acceptedRefs: { tags: [], digests: [] },
  });

describe('the promote test gate and tests that did not run', () => {
  it('refuses a report whose command tests did not run (no runtime): not running is not passing', async () => {
    const result = await gate(
      tagDirWith({
        'linux-amd64': { runtime: null, summary: { passed: 3, failed: 0, errors: 0, notRun: 2, durationMs: 1 } },
      }),
    );
    expect(result.problems.join('\n')).toMatch(/2 test\(s\) did not run on linux\/amd64/);
  });

  it('accepts command tests skipped on purpose', async () => {
    const result = await gate(
      tagDirWith({
        'linux-amd64': {
          commandTestsSkipped: true,
          summary: { passed: 3, failed: 0, errors: 0, notRun: 2, durationMs: 1 },
        },
      }),
    );
    expect(result.problems).toEqual([]);
  });
});
