/** One JUnit or JSON file for a whole test run: a testsuite per tag × platform, totals that add up, valid XML. */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { renderCombinedJson, renderCombinedJUnit } from '../../../src/core/image-checks/combined-reports';
import type { TestCaseResult, TestReport } from '../../../src/core/records/records';
import { renderJUnitXml } from '../../../src/core/structure-test/report/junit-xml';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function report(platform: string, statuses: TestCaseResult['status'][], skipped = false): TestReport {
  const tests = statuses.map((status, i) => ({
    kind: i % 2 ? 'commandTests' : 'fileExistenceTests',
    name: `test ${i} <${status}> & "quoted"`,
    status,
    durationMs: 250,
    ...(status === 'passed' ? {} : { message: `what differed in ${i}\nsecond line` }),
  }));
  const count = (s: TestCaseResult['status']) => statuses.filter((x) => x === s).length;
  return {
    image: 'app',
    tag: '1.0',
    platform,
    ref: `127.0.0.1:5050/app:1.0-linux-${platform.split('/')[1]}@sha256:${'1'.repeat(64)}`,
    runtime: 'podman 4.3.1',
    summary: {
      passed: count('passed'),
      failed: count('failed'),
      errors: count('error'),
      notRun: count('not-run'),
      durationMs: 250 * statuses.length,
    },
    commandTestsSkipped: skipped,
    tests,
  };
}

const parse = (xml: string): Json =>
  new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    isArray: (name) => name === 'testsuite' || name === 'testcase',
  }).parse(xml);

describe('renderCombinedJUnit', () => {
  it.each<[string, TestReport[], Record<string, string>]>([
    ['no platform tested', [], { tests: '0', failures: '0', errors: '0', skipped: '0', time: '0.000' }],
    [
      'two platforms',
      [report('linux/amd64', ['passed', 'failed', 'error']), report('linux/arm64', ['passed', 'passed'])],
      { tests: '5', failures: '1', errors: '1', skipped: '0', time: '1.250' },
    ],
    [
      'command tests skipped on purpose',
      [report('linux/amd64', ['passed', 'not-run', 'passed', 'not-run'], true)],
      { tests: '4', failures: '0', errors: '0', skipped: '2', time: '1.000' },
    ],
    [
      'command tests that could not run',
      [report('linux/amd64', ['passed', 'not-run'], false)],
      { tests: '2', failures: '0', errors: '1', skipped: '0', time: '0.500' },
    ],
  ])('%s: valid XML whose totals add up the suites', (_case, reports, totals) => {
    const xml = renderCombinedJUnit(reports.map((r) => ({ report: r })));
    expect(XMLValidator.validate(xml)).toBe(true);
    const document = parse(xml);
    expect(document.testsuites).toMatchObject(totals);
    const suites = (document.testsuites.testsuite ?? []) as Json[];
    expect(suites.map((s) => s.name)).toEqual(reports.map((r) => `app:1.0 ${r.platform}`));
  });

  it('holds each suite exactly as the platform junit.xml renders it', () => {
    const reports = [report('linux/amd64', ['failed', 'passed']), report('linux/arm64', ['not-run'], true)];
    const combined = parse(renderCombinedJUnit(reports.map((r) => ({ report: r })))).testsuites.testsuite;
    const single = reports.map(
      (r) =>
        parse(renderJUnitXml(r, { notRunAs: r.commandTestsSkipped ? 'skipped' : 'error' })).testsuites.testsuite[0],
    );
    expect(combined).toEqual(single);
    expect(combined[0].testcase[0]).toMatchObject({
      name: 'test 0 <failed> & "quoted"',
      failure: { message: 'what differed in 0', '#text': 'what differed in 0\nsecond line' },
    });
  });
});

describe('renderCombinedJson', () => {
  it('is the array of the reports, in order', () => {
    const reports = [report('linux/amd64', ['passed']), report('linux/arm64', ['failed'])];
    expect(JSON.parse(renderCombinedJson(reports.map((r) => ({ report: r }))))).toEqual(reports);
    expect(renderCombinedJson([])).toBe('[]\n');
  });
});
