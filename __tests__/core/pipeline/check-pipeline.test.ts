import { checkPipeline } from '../../../src/core/pipeline/check-pipeline';
import { unifiedLineDiff } from '../../../src/core/pipeline/line-diff';

const lines = (...items: string[]): string => items.map((item) => `${item}\n`).join('');
const labels = { fromLabel: 'a', toLabel: 'b' };

describe('unifiedLineDiff', () => {
  it.each([
    { case: 'equal texts', from: lines('x', 'y'), to: lines('x', 'y'), diff: '' },
    {
      case: 'a changed line with context',
      from: lines('1', '2', '3', '4', '5', '6', '7', '8', '9'),
      to: lines('1', '2', '3', '4', 'five', '6', '7', '8', '9'),
      diff: ['--- a', '+++ b', '@@ -2,7 +2,7 @@', ' 2', ' 3', ' 4', '-5', '+five', ' 6', ' 7', ' 8', ''].join('\n'),
    },
    {
      case: 'an added line at the end',
      from: lines('a', 'b'),
      to: lines('a', 'b', 'c'),
      diff: ['--- a', '+++ b', '@@ -1,2 +1,3 @@', ' a', ' b', '+c', ''].join('\n'),
    },
    {
      case: 'a removed first line',
      from: lines('x', 'a'),
      to: lines('a'),
      diff: ['--- a', '+++ b', '@@ -1,2 +1,1 @@', '-x', ' a', ''].join('\n'),
    },
    {
      case: 'an empty old file',
      from: '',
      to: lines('new'),
      diff: ['--- a', '+++ b', '@@ -0,0 +1,1 @@', '+new', ''].join('\n'),
    },
    {
      case: 'a missing final newline',
      from: 'a\nb',
      to: lines('a', 'b'),
      diff: ['--- a', '+++ b', '@@ -1,2 +1,2 @@', ' a', '-b', '\\ No newline at end of file', '+b', ''].join('\n'),
    },
  ])('$case', ({ from, to, diff }) => {
    expect(unifiedLineDiff(from, to, labels)).toBe(diff);
  });

  it('makes separate hunks for distant changes', () => {
    const from = Array.from({ length: 30 }, (_, index) => `line ${index + 1}`);
    const to = [...from];
    to[1] = 'changed 2';
    to[27] = 'changed 28';
    const diff = unifiedLineDiff(lines(...from), lines(...to), labels);
    expect(diff.match(/^@@ .* @@$/gm)).toEqual(['@@ -1,5 +1,5 @@', '@@ -25,6 +25,6 @@']);
  });

  it('finds the shortest edit for interleaved changes', () => {
    const diff = unifiedLineDiff(lines('a', 'b', 'c', 'd'), lines('a', 'x', 'c', 'y', 'd'), labels);
    expect(diff.split('\n').filter((line) => /^[-+][^-+]/.test(line))).toEqual(['-b', '+x', '+y']);
  });

  it('still gives a correct diff when the changed middle is too large to align', () => {
    const from = Array.from({ length: 2100 }, (_, index) => `old ${index}`);
    const to = Array.from({ length: 2100 }, (_, index) => `new ${index}`);
    const diff = unifiedLineDiff(lines('same', ...from), lines('same', ...to), labels);
    expect(diff.split('\n').filter((line) => line.startsWith('-old'))).toHaveLength(2100);
    expect(diff.split('\n').filter((line) => line.startsWith('+new'))).toHaveLength(2100);
  });
});

describe('checkPipeline', () => {
  const expected = lines('name: images', 'jobs:', '  build: {}');

  it('is up to date when the committed file is identical, also with CRLF line endings', () => {
    expect(checkPipeline(expected, expected)).toEqual({ upToDate: true, diff: '' });
    expect(checkPipeline(expected, expected.replace(/\n/g, '\r\n'))).toEqual({ upToDate: true, diff: '' });
  });

  it('shows what regenerating would change', () => {
    const result = checkPipeline(expected, lines('name: images', 'jobs:', '  old: {}'));
    expect(result.upToDate).toBe(false);
    expect(result.diff).toBe(
      [
        '--- committed',
        '+++ generated',
        '@@ -1,3 +1,3 @@',
        ' name: images',
        ' jobs:',
        '-  old: {}',
        '+  build: {}',
        '',
      ].join('\n'),
    );
  });

  it('reports a missing file as stale, with the whole expected file as the diff', () => {
    const result = checkPipeline(expected, undefined);
    expect(result.upToDate).toBe(false);
    expect(result.diff).toContain('--- (missing: not generated yet)');
    expect(result.diff).toContain('+  build: {}');
  });
});
