/** What `test` and `sbom` print: each test with result, duration and mismatch; one verdict line per run. */
import {
  displayPath,
  formatPlatformSbom,
  formatPlatformTests,
  formatSbomRun,
  formatTestRun,
} from '../../../src/core/image-checks/check-output';
import type { PlatformTestResult, TagTestResult } from '../../../src/core/image-checks/image-tests';
import type { TestReport } from '../../../src/core/records/records';

const show = (file: string) => displayPath('/work/project', file);

function result(passed: boolean, tests: TestReport['tests']): PlatformTestResult {
  const report: TestReport = {
    image: 'app',
    tag: '1.0',
    platform: 'linux/arm64',
    runtime: null,
    summary: { passed: 0, failed: 0, errors: 0, notRun: 0, durationMs: 0 },
    tests,
  };
  return {
    report,
    passed,
    summary: `${passed ? 'PASSED' : 'FAILED'} app:1.0 linux/arm64: …`,
    from: '/work/project/dist/app/1.0/linux-arm64/image.tar',
    files: {
      json: '/work/project/dist/app/1.0/linux-arm64/test-report.json',
      junit: '/work/project/dist/app/1.0/linux-arm64/junit.xml',
    },
  };
}

describe('displayPath', () => {
  it.each([
    ['/work/project/dist/a', 'dist/a'],
    ['/elsewhere/reports/x.xml', '/elsewhere/reports/x.xml'],
    ['127.0.0.1:5050/app:1.0-linux-arm64@sha256:ab (pulled)', '127.0.0.1:5050/app:1.0-linux-arm64@sha256:ab (pulled)'],
  ])('%s → %s', (file, shown) => {
    expect(show(file)).toBe(shown);
  });
});

describe('formatPlatformTests', () => {
  it('lists every test with its duration, and under a failure what differed, line by line', () => {
    const text = formatPlatformTests(
      result(false, [
        { kind: 'fileExistenceTests', name: 'sh', status: 'passed', durationMs: 0.2 },
        {
          kind: 'commandTests',
          name: 'greets',
          status: 'failed',
          durationMs: 1234.5,
          message: 'stdout was "x"\nexit 1',
        },
        { kind: 'commandTests', name: 'slow', status: 'error', durationMs: 61000, message: 'timed out' },
        { kind: 'commandTests', name: 'skipped', status: 'not-run', durationMs: 0 },
      ]),
      show,
    );
    expect(text).toBe(
      [
        'app:1.0 linux/arm64 ← dist/app/1.0/linux-arm64/image.tar',
        '  PASS     fileExistenceTests: sh (0 ms)',
        '  FAIL     commandTests: greets (1235 ms)',
        '           stdout was "x"',
        '           exit 1',
        '  ERROR    commandTests: slow (61.0 s)',
        '           timed out',
        '  NOT RUN  commandTests: skipped (0 ms)',
        'FAILED app:1.0 linux/arm64: …',
        '  reports: dist/app/1.0/linux-arm64/test-report.json, dist/app/1.0/linux-arm64/junit.xml',
        '',
      ].join('\n'),
    );
  });
});

describe('run verdicts', () => {
  const tag = (image: string, platforms: PlatformTestResult[], hasTests = true): TagTestResult => ({
    image,
    tag: '1.0',
    hasTests,
    platforms,
    skipped: [],
  });

  it.each<[string, TagTestResult[], string]>([
    [
      'nothing to test',
      [tag('plain', [], false)],
      'PASSED 0 platform images tested: 0 passed, 0 failed; no tests: plain:1.0\n',
    ],
    [
      'all passed',
      [tag('app', [result(true, []), result(true, [])])],
      'PASSED 2 platform images tested: 2 passed, 0 failed\n',
    ],
    [
      'one failed',
      [tag('app', [result(true, []), result(false, [])])],
      'FAILED 2 platform images tested: 1 passed, 1 failed\n',
    ],
    [
      'a platform not built',
      [
        {
          ...tag('app', [result(true, [])]),
          skipped: [{ image: 'app', tag: '1.0', platform: 'linux/arm64', dir: '', tagRef: '', reason: 'not built' }],
        },
      ],
      'PASSED 1 platform image tested: 1 passed, 0 failed; not built, skipped: app:1.0 linux/arm64\n',
    ],
  ])('test: %s', (_case, results, line) => {
    expect(formatTestRun(results)).toBe(line);
  });

  it('sbom: each platform and the verdict', () => {
    const ok = {
      image: 'app',
      tag: '1.0',
      platform: 'linux/amd64',
      file: '/work/project/dist/app/1.0/linux-amd64/sbom.cyclonedx.json',
      copy: '/work/project/reports/gl-sbom-app-1.0-amd64.cdx.json',
      record: {
        image: 'app',
        tag: '1.0',
        platform: 'linux/amd64',
        format: 'cyclonedx-json' as const,
        file: 'sbom.cyclonedx.json',
        scanner: 'trivy dev',
        packageCount: 3,
        packages: [],
      },
    };
    const failed = { image: 'app', tag: '1.0', platform: 'linux/arm64', error: 'trivy exited with 1' };
    expect(formatPlatformSbom(ok, show)).toBe(
      'app:1.0 linux/amd64: 3 packages (trivy dev) → dist/app/1.0/linux-amd64/sbom.cyclonedx.json (copy: reports/gl-sbom-app-1.0-amd64.cdx.json)\n',
    );
    expect(formatPlatformSbom(failed, show)).toBe('FAILED app:1.0 linux/arm64: trivy exited with 1\n');
    expect(formatSbomRun([{ image: 'app', tag: '1.0', platforms: [ok, failed], skipped: [] }])).toBe(
      'FAILED 1 SBOM written, 1 failed\n',
    );
    expect(formatSbomRun([{ image: 'app', tag: '1.0', platforms: [ok], skipped: [] }])).toBe(
      'DONE 1 SBOM written, 0 failed\n',
    );
  });
});
