import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { TestReport } from '../../../src/core/records/records';
import { renderJUnitXml } from '../../../src/core/structure-test/report/junit-xml';
import { summarizeTestReport } from '../../../src/core/structure-test/report/summary';
import { writeTestReports } from '../../../src/core/structure-test/report/write-reports';
import { structureTestsPassed } from '../../../src/core/structure-test/run-structure-tests';

const NASTY = 'a<b>&"c"\'d\u0001e\u001bf\u0000g\ud800h\r\ni\tj]]>';

const report: TestReport = {
  image: 'lua',
  tag: '5.4 & "more"',
  platform: 'linux/arm64',
  ref: '127.0.0.1:5050/lua:5.4-linux-arm64',
  runtime: 'podman 4.3.1',
  summary: { passed: 1, failed: 1, errors: 1, notRun: 1, durationMs: 1234.5 },
  tests: [
    { kind: 'fileExistenceTests', name: 'busybox', status: 'passed', durationMs: 0.25 },
    {
      kind: 'commandTests',
      name: `output <${NASTY}>`,
      status: 'failed',
      durationMs: 512,
      message: `stdout was ${NASTY}\nsecond line`,
    },
    { kind: 'commandTests', name: 'setup', status: 'error', durationMs: 3, message: 'setup step 1 failed' },
    { kind: 'commandTests', name: 'later', status: 'not-run', durationMs: 0, message: 'not run: no container runtime' },
  ],
};

/** Characters an XML 1.0 document may not contain anywhere, even escaped as text. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDFFF]/;

interface ParsedCase {
  '@_name': string;
  '@_classname': string;
  '@_time': string;
  failure?: { '@_message': string; '#text': string };
  error?: { '@_message': string; '@_type': string; '#text': string };
  skipped?: { '@_message': string };
}

function parse(xml: string): { suites: Record<string, string>; suite: Record<string, unknown>; cases: ParsedCase[] } {
  expect(XMLValidator.validate(xml)).toBe(true);
  expect(xml).not.toMatch(NOT_XML);
  const parser = new XMLParser({
    ignoreAttributes: false,
    isArray: (name) => name === 'testcase' || name === 'property',
  });
  const doc = parser.parse(xml);
  return { suites: doc.testsuites, suite: doc.testsuites.testsuite, cases: doc.testsuites.testsuite.testcase };
}

describe('JUnit XML', () => {
  it('is well-formed XML 1.0 whatever the output held, with one testcase per test', () => {
    const { suites, suite, cases } = parse(renderJUnitXml(report));
    expect(suites).toMatchObject({
      '@_tests': '4',
      '@_failures': '1',
      '@_errors': '2',
      '@_skipped': '0',
      '@_time': '1.234',
    });
    expect(suite['@_name']).toBe('lua:5.4 & "more" linux/arm64');
    expect(cases.map((c) => [c['@_classname'], c['@_time']])).toEqual([
      ['fileExistenceTests', '0.000'],
      ['commandTests', '0.512'],
      ['commandTests', '0.003'],
      ['commandTests', '0.000'],
    ]);
    // Characters XML cannot carry are shown as \uXXXX; everything else survives the round trip.
    // (fast-xml-parser leaves numeric character references as they are.)
    const decoded = (text: string) =>
      text.replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code)));
    expect(decoded(cases[1]['@_name'])).toBe('output <a<b>&"c"\'d\\u0001e\\u001bf\\u0000g\\ud800h\r\ni\tj]]>>');
    expect(decoded(cases[1].failure?.['#text'] ?? '')).toBe(
      'stdout was a<b>&"c"\'d\\u0001e\\u001bf\\u0000g\\ud800h\r\ni\tj]]>\nsecond line',
    );
    expect(decoded(cases[1].failure?.['@_message'] ?? '')).toBe(
      'stdout was a<b>&"c"\'d\\u0001e\\u001bf\\u0000g\\ud800h\r',
    );
    expect(cases[2].error).toMatchObject({ '@_message': 'setup step 1 failed', '@_type': 'error' });
    expect(cases[3].error).toMatchObject({ '@_type': 'not-run' });
  });

  it('shows tests not run on purpose as skipped', () => {
    const { suites, cases } = parse(renderJUnitXml(report, { notRunAs: 'skipped' }));
    expect(suites).toMatchObject({ '@_errors': '1', '@_skipped': '1' });
    expect(cases[3].skipped?.['@_message']).toBe('not run: no container runtime');
  });
});

describe('report files and the verdict', () => {
  it('writes test-report.json and junit.xml side by side', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'im-reports-'));
    try {
      const files = await writeTestReports(dir, report, { skipCommandTests: true });
      expect(JSON.parse(readFileSync(files.json, 'utf8'))).toEqual(report);
      expect(path.basename(files.json)).toBe('test-report.json');
      expect(path.basename(files.junit)).toBe('junit.xml');
      expect(parse(readFileSync(files.junit, 'utf8')).suites['@_skipped']).toBe('1');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    [{ passed: 3, failed: 0, errors: 0, notRun: 0 }, false, true],
    [{ passed: 3, failed: 1, errors: 0, notRun: 0 }, false, false],
    [{ passed: 3, failed: 0, errors: 1, notRun: 0 }, true, false],
    [{ passed: 3, failed: 0, errors: 0, notRun: 2 }, false, false],
    [{ passed: 3, failed: 0, errors: 0, notRun: 2 }, true, true],
  ])('%j with skipCommandTests=%s passes: %s', (counts, skip, expected) => {
    const r = { ...report, summary: { ...counts, durationMs: 1 } };
    expect(structureTestsPassed(r, skip)).toBe(expected);
  });

  it('sums a run up in one line', () => {
    expect(summarizeTestReport(report, false)).toBe(
      'FAILED lua:5.4 & "more" linux/arm64: 1 passed, 1 failed, 1 error, 1 not run in 1.2 s (command tests: podman 4.3.1)',
    );
    expect(
      summarizeTestReport(
        { ...report, runtime: null, summary: { passed: 5, failed: 0, errors: 0, notRun: 0, durationMs: 80 } },
        true,
      ),
    ).toBe('PASSED lua:5.4 & "more" linux/arm64: 5 passed, 0 failed in 0.1 s');
  });
});
