/** The tests section of a tag page: per platform each test with its result and, when it failed, what differed. */
import { JUNIT_REPORT, type TestCaseResult, type TestReport } from '../records/records';
import { formatDuration } from './format';
import { status, testStatus, type Tone } from './fragments';
import { type Html, markup } from './html';
import { href, tagFile, tagPage, testsAnchor } from './page-paths';
import type { PlatformReport, TagReport } from './report-model';

const RESULT: Record<TestCaseResult['status'], { tone: Tone; text: string }> = {
  passed: { tone: 'ok', text: 'passed' },
  failed: { tone: 'bad', text: 'failed' },
  error: { tone: 'bad', text: 'error' },
  'not-run': { tone: 'none', text: 'not run' },
};

export function renderTestResults(tag: TagReport): Html {
  const from = tagPage(tag.image, tag.name);
  const config = href(from, tagFile(tag.image, tag.name, 'test.yml'));
  const intro = tag.hasTestConfig
    ? markup`<p>Defined in <a href="${config}">test.yml</a>.</p>\n`
    : markup`<p class="note">This tag has no test configuration.</p>\n`;
  if (!tag.hasTestConfig && tag.platforms.every((p) => !p.test)) return intro;
  return markup`${intro}${tag.platforms.map((p) => renderPlatformTests(from, tag, p))}`;
}

function renderPlatformTests(from: string, tag: TagReport, p: PlatformReport): Html {
  const id = testsAnchor(p.slug);
  const heading = markup`<h3 id="${id}">Tests on ${p.platform} ${p.test ? testStatus(p.test) : status('none', 'not run')}</h3>\n`;
  if (!p.test) return markup`${heading}<p class="note">No test report for this platform yet.</p>\n`;
  return markup`${heading}${renderRunFacts(from, tag, p, p.test)}${renderCases(p.test)}`;
}

function renderRunFacts(from: string, tag: TagReport, p: PlatformReport, report: TestReport): Html {
  const junitPath = tagFile(tag.image, tag.name, `${p.slug}/${JUNIT_REPORT}`);
  const junit = p.files.junit ? markup` <a href="${href(from, junitPath)}">JUnit report</a>.` : null;
  const runtime = report.runtime ? markup`Command tests ran with <code>${report.runtime}</code>. ` : null;
  return markup`<p>${runtime}Took ${formatDuration(report.summary.durationMs)}.${junit}</p>\n`;
}

function renderCases(report: TestReport): Html {
  if (report.tests.length === 0) return markup`<p class="note">The report lists no tests.</p>\n`;
  const rows = report.tests.map((test) => {
    const result = RESULT[test.status];
    const message = test.message ? markup`<pre class="message">${test.message}</pre>` : null;
    return markup`<tr><th scope="row">${test.name}</th><td data-label="Kind">${test.kind}</td><td data-label="Result">${status(result.tone, result.text)}${message}</td><td data-label="Time" class="nowrap">${formatDuration(test.durationMs)}</td></tr>
`;
  });
  return markup`<table class="stack">
<caption class="visually-hidden">Tests on ${report.platform}</caption>
<thead><tr><th scope="col">Test</th><th scope="col">Kind</th><th scope="col">Result</th><th scope="col">Time</th></tr></thead>
<tbody>
${rows}</tbody>
</table>
`;
}
