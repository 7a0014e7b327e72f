/**
 * JUnit XML for GitLab test reports (`artifacts:reports:junit`) and GitHub test-summary actions: one testsuite per
 * platform image, one testcase per test, `failure` for a mismatch, `error` for a test that could not be evaluated,
 * `skipped` for a test deliberately not run. Command output can hold any byte, so text is escaped for XML 1.0,
 * including characters XML cannot carry at all (written as `\uXXXX`).
 */
import type { TestCaseResult, TestReport } from '../../records/records';

export interface JUnitOptions {
  /** How a `not-run` test appears: `skipped` when command tests were turned off on purpose, else `error`. */
  notRunAs?: 'skipped' | 'error';
}

export function renderJUnitXml(report: TestReport, options: JUnitOptions = {}): string {
  const notRunAs = options.notRunAs ?? 'error';
  const { tests } = report;
  const failures = tests.filter((t) => t.status === 'failed').length;
  const errors = tests.filter((t) => t.status === 'error' || (t.status === 'not-run' && notRunAs === 'error')).length;
  const skipped = tests.filter((t) => t.status === 'not-run' && notRunAs === 'skipped').length;
  const counts = `tests="${tests.length}" failures="${failures}" errors="${errors}" skipped="${skipped}"`;
  const time = seconds(report.summary.durationMs);
  const suiteName = `${report.image}:${report.tag} ${report.platform}`;
  const properties = [
    ['image', report.image],
    ['tag', report.tag],
    ['platform', report.platform],
    ['ref', report.ref],
    ['runtime', report.runtime ?? 'none'],
  ].filter((pair): pair is [string, string] => pair[1] !== undefined);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="image-manager structure tests" ${counts} time="${time}">`,
    `  <testsuite name="${attribute(suiteName)}" ${counts} time="${time}">`,
    '    <properties>',
    ...properties.map(([name, value]) => `      <property name="${attribute(name)}" value="${attribute(value)}"/>`),
    '    </properties>',
    ...tests.map((test) => testcase(test, notRunAs)),
    '  </testsuite>',
    '</testsuites>',
    '',
  ];
  return lines.join('\n');
}

function testcase(test: TestCaseResult, notRunAs: 'skipped' | 'error'): string {
  const open = `    <testcase classname="${attribute(test.kind)}" name="${attribute(test.name)}" time="${seconds(test.durationMs)}"`;
  const message = test.message ?? '';
  const firstLine = message.split('\n')[0];
  switch (test.status) {
    case 'passed':
      return `${open}/>`;
    case 'failed':
      return `${open}>\n      <failure message="${attribute(firstLine)}" type="failed">${text(message)}</failure>\n    </testcase>`;
    case 'error':
      return `${open}>\n      <error message="${attribute(firstLine)}" type="error">${text(message)}</error>\n    </testcase>`;
    case 'not-run':
      return notRunAs === 'skipped'
        ? `${open}>\n      <skipped message="${attribute(firstLine)}"/>\n    </testcase>`
        : `${open}>\n      <error message="${attribute(firstLine)}" type="not-run">${text(message)}</error>\n    </testcase>`;
  }
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

/** Characters XML 1.0 cannot contain at all, and unpaired surrogates. */
const NOT_XML =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function visible(value: string): string {
  return value.replace(NOT_XML, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Element text; a carriage return is written as a reference since XML parsers turn a literal one into \n. */
export function text(value: string): string {
  return visible(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

export function attribute(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}
