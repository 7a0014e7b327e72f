/** The job summary tables of merge-manifest, publish and test: what a reader sees per case, and escaping. */
import type { PublishTagResult } from '../../src/core/publish/merge-tag';
import type { PromoteResult } from '../../src/core/publish/promote-tags';
import type { PlatformTestResult } from '../../src/core/image-checks/image-tests';
import { mergeSummaryTable } from '../../src/actions/merge-manifest/summary';
import { publishSummaryTable } from '../../src/actions/publish/summary';
import { failureList } from '../../src/actions/test/failures';

const D1 = `sha256:${'1'.repeat(64)}`;
const D2 = `sha256:${'2'.repeat(64)}`;
const D3 = `sha256:${'3'.repeat(64)}`;

function merged(overrides: Partial<PublishTagResult>): PublishTagResult {
  return {
    image: 'app',
    tag: '2.0.0',
    ref: 'ghcr.io/acme/app:2.0.0-pr-4',
    indexDigest: D1,
    platforms: [
      { platform: 'linux/amd64', digest: D2 },
      { platform: 'linux/arm64', digest: D3 },
    ],
    aliases: [
      { tag: '2-pr-4', previousDigest: null, changed: true },
      { tag: '2.0-pr-4', previousDigest: D1, changed: false },
    ],
    indexChanged: true,
    previousIndexDigest: null,
    missingPlatforms: [],
    aliasesNotMoved: [],
    record: '/x/manifest.json',
    ...overrides,
  };
}

describe('mergeSummaryTable', () => {
  const header = '| Image | Tag | State | Index digest | Platforms | Aliases |\n|---|---|---|---|---|---|\n';
  const platforms = 'amd64 `sha256:222222222222…`<br>arm64 `sha256:333333333333…`';
  it.each<[string, Partial<PublishTagResult>, string]>([
    [
      'a new index, one alias moved',
      {},
      `| app | 2.0.0-pr-4 | ✅ published | \`sha256:111111111111…\` | ${platforms} | 2-pr-4, 2.0-pr-4 (unchanged) |`,
    ],
    [
      'a re-run',
      { indexChanged: false, aliases: [] },
      `| app | 2.0.0-pr-4 | ✅ unchanged | \`sha256:111111111111…\` | ${platforms} | – |`,
    ],
    [
      'a partial index leaves the aliases',
      {
        missingPlatforms: ['linux/arm64'],
        platforms: [{ platform: 'linux/amd64', digest: D2 }],
        aliases: [],
        aliasesNotMoved: ['2-pr-4'],
      },
      '| app | 2.0.0-pr-4 | ⚠️ partial, missing arm64 | `sha256:111111111111…` | amd64 `sha256:222222222222…` | not moved: 2-pr-4 |',
    ],
    [
      'names are escaped for the table',
      { image: 'a|b', ref: 'r.io/a|b:1_x', aliases: [{ tag: '*1*', previousDigest: null, changed: true }] },
      `| a\\|b | 1\\_x | ✅ published | \`sha256:111111111111…\` | ${platforms} | \\*1\\* |`,
    ],
  ])('%s', (_name, overrides, row) => {
    expect(mergeSummaryTable([merged(overrides)])).toBe(`${header}${row}\n`);
  });

  it('is empty when nothing was published', () => {
    expect(mergeSummaryTable([])).toBe('');
  });
});

describe('publishSummaryTable', () => {
  const promoted = (overrides: Partial<PromoteResult>): PromoteResult => ({
    image: 'app',
    tag: '2.0.0',
    ref: 'ghcr.io/acme/app:2.0.0',
    from: 'ghcr.io/acme/app:2.0.0-run-8',
    indexDigest: D1,
    index: { tag: '2.0.0', previousDigest: null, changed: true },
    platformTags: [],
    aliases: [{ tag: '2', previousDigest: D2, changed: true }],
    testReports: 2,
    testProblemsIgnored: [],
    ...overrides,
  });
  it.each<[string, Partial<PromoteResult>, string]>([
    ['a first release', {}, '| app | 2.0.0 | 2.0.0-run-8 | `sha256:111111111111…` | 2 | ✅ 2 reports passed |'],
    [
      'promoted again, no reports in the job',
      { index: { tag: '2.0.0', previousDigest: D1, changed: false }, aliases: [], testReports: 0 },
      '| app | 2.0.0 (unchanged) | 2.0.0-run-8 | `sha256:111111111111…` | – | no reports in this job |',
    ],
    [
      'test problems ignored on purpose',
      { testProblemsIgnored: ['a', 'b'] },
      '| app | 2.0.0 | 2.0.0-run-8 | `sha256:111111111111…` | 2 | ⚠️ 2 problems ignored |',
    ],
  ])('%s', (_name, overrides, row) => {
    expect(publishSummaryTable([promoted(overrides)])).toBe(
      `| Image | Tag | From | Digest | Aliases | Tests |\n|---|---|---|---|---|---|\n${row}\n`,
    );
  });
});

describe('failureList', () => {
  const platform = (tests: PlatformTestResult['report']['tests']): PlatformTestResult => ({
    report: {
      image: 'app',
      tag: '2.0.0',
      platform: 'linux/arm64',
      runtime: 'podman',
      summary: { passed: 0, failed: 0, errors: 0, notRun: 0, durationMs: 1 },
      tests,
    },
    passed: false,
    summary: '',
    files: { json: '', junit: '' },
  });

  it('lists what did not pass with the first line of why, escaped', () => {
    const list = failureList([
      platform([
        { kind: 'commandTests', name: 'runs', status: 'passed', durationMs: 1 },
        { kind: 'commandTests', name: 'prints <ok>', status: 'failed', durationMs: 1, message: 'expected ok\ngot ko' },
        { kind: 'setup', name: 'the image can be tested', status: 'error', durationMs: 1 },
      ]),
    ]);
    expect(list).toBe(
      '- ❌ app:2.0.0 linux/arm64: prints \\<ok\\> (failed): expected ok\n' +
        '- ❌ app:2.0.0 linux/arm64: the image can be tested (error)\n\n',
    );
  });

  it('shows the first 20 and counts the rest', () => {
    const many = Array.from({ length: 23 }, (_, i) => ({
      kind: 'fileExistenceTests',
      name: `file ${i}`,
      status: 'failed' as const,
      durationMs: 1,
    }));
    const lines = failureList([platform(many)])
      .trim()
      .split('\n');
    expect(lines).toHaveLength(21);
    expect(lines[20]).toBe('- … and 3 more in the JUnit report');
  });

  it('is empty when everything passed', () => {
    expect(failureList([platform([{ kind: 'x', name: 'y', status: 'passed', durationMs: 1 }])])).toBe('');
  });
});
