import { escapeMarkdownCell, markdownCode } from '../../../src/core/report/markdown-escape';

describe('escapeMarkdownCell', () => {
  it.each([
    ['5.4.4-dev', '5.4.4-dev'],
    ['a|b', 'a\\|b'],
    ['<script>', '\\<script\\>'],
    ['**bold** _em_ ~strike~', '\\*\\*bold\\*\\* \\_em\\_ \\~strike\\~'],
    ['[link](http://x)', '\\[link\\](http://x)'],
    ['`code`', '\\`code\\`'],
    ['back\\slash', 'back\\\\slash'],
    ['#12 and !3', '\\#12 and \\!3'],
    ['$x$ &amp;', '\\$x\\$ \\&amp;'],
    ['two\nlines\r\nhere', 'two lines here'],
  ])('%j → %j', (input, expected) => expect(escapeMarkdownCell(input)).toBe(expected));
});

describe('markdownCode', () => {
  it.each([
    ['sha256:0123456789ab…', '`sha256:0123456789ab…`'],
    ['a`b', 'a\\`b'],
    ['x|y', 'x\\|y'],
  ])('%j → %j', (input, expected) => expect(markdownCode(input)).toBe(expected));
});
