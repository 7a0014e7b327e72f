import type { PlatformTestResult } from '../../core/image-checks/image-tests';
import { escapeMarkdownCell as text } from '../../core/report/markdown-escape';

const SHOWN = 20;

/** The test cases that did not pass, as a markdown list under the summary table (the table only counts them). */
export function failureList(platforms: PlatformTestResult[]): string {
  const failures = platforms.flatMap(({ report }) =>
    report.tests
      .filter((test) => test.status !== 'passed')
      .map((test) => {
        const where = `${report.image}:${report.tag} ${report.platform}`;
        const why = test.message ? `: ${test.message.split('\n')[0]}` : '';
        return `- ❌ ${text(`${where}: ${test.name} (${test.status})${why}`)}\n`;
      }),
  );
  if (failures.length === 0) return '';
  const more = failures.length > SHOWN ? `- … and ${failures.length - SHOWN} more in the JUnit report\n` : '';
  return `${failures.slice(0, SHOWN).join('')}${more}\n`;
}
