import { escapeHtml, Html, markup, trustedHtml } from '../../../src/core/report/html';

describe('escapeHtml', () => {
  it.each([
    ['plain', 'plain'],
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['a & b', 'a &amp; b'],
    ['"quoted" \'single\'', '&quot;quoted&quot; &#39;single&#39;'],
    ['&amp; stays literal', '&amp;amp; stays literal'],
    ['ünïcødé – …', 'ünïcødé – …'],
  ])('%j → %j', (input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
  });
});

describe('markup', () => {
  it.each<[string, () => Html, string]>([
    ['escapes interpolated text', () => markup`<p>${'<b>x</b>'}</p>`, '<p>&lt;b&gt;x&lt;/b&gt;</p>'],
    ['escapes inside attributes', () => markup`<a title="${'" onclick="x'}">`, '<a title="&quot; onclick=&quot;x">'],
    ['keeps nested markup as is', () => markup`<p>${markup`<b>${'&'}</b>`}</p>`, '<p><b>&amp;</b></p>'],
    ['joins lists without separators', () => markup`${['<', markup`<br>`, 1]}`, '&lt;<br>1'],
    ['renders null, undefined and false as nothing', () => markup`[${null}${undefined}${false}]`, '[]'],
    ['prints numbers', () => markup`${0} ${42.5}`, '0 42.5'],
    ['passes trusted constants through', () => markup`<style>${trustedHtml('a>b{}')}</style>`, '<style>a>b{}</style>'],
  ])('%s', (_name, build, expected) => {
    expect(build().text).toBe(expected);
  });

  it('never lets a string become markup, however deeply nested', () => {
    const nested = markup`${[[['<x>']]]}`;
    expect(nested.text).toBe('&lt;x&gt;');
  });
});
