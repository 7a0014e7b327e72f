/** The places where we follow Go's behaviour so configs mean what they mean in container-structure-test. */
import { parseGoInt } from '../../../src/core/structure-test/config/field-reader';
import { expandGoStyle } from '../../../src/core/structure-test/env-expansion';
import { formatMode, isExecutableBy } from '../../../src/core/structure-test/file-mode';
import { compileGoRegexp } from '../../../src/core/structure-test/go-regexp';
import type { FsNode } from '../../../src/core/structure-test/archive/fs-node';

describe('file modes in Go FileMode.String() form', () => {
  it.each<[FsNode['kind'], number, string]>([
    ['file', 0o644, '-rw-r--r--'],
    ['file', 0o755, '-rwxr-xr-x'],
    ['file', 0o4755, 'urwxr-xr-x'],
    ['file', 0o2755, 'grwxr-xr-x'],
    ['directory', 0o755, 'drwxr-xr-x'],
    ['directory', 0o1777, 'dtrwxrwxrwx'],
    ['directory', 0o2755, 'dgrwxr-xr-x'],
    ['symlink', 0o777, 'Lrwxrwxrwx'],
    ['char', 0o666, 'Dcrw-rw-rw-'],
    ['block', 0o660, 'Drw-rw----'],
    ['fifo', 0o644, 'prw-r--r--'],
    ['file', 0, '----------'],
  ])('%s with mode %o is %s', (kind, mode, expected) => {
    expect(formatMode({ kind, mode })).toBe(expected);
  });

  it.each([
    [0o700, 'owner', true],
    [0o700, 'group', false],
    [0o070, 'group', true],
    [0o001, 'other', true],
    [0o640, 'any', false],
    [0o010, 'any', true],
  ] as const)('mode %o executable by %s: %s', (mode, who, expected) => {
    expect(isExecutableBy(mode, who)).toBe(expected);
  });
});

describe('$VAR expansion with os.Expand rules', () => {
  const env = new Map([
    ['HOME', '/root'],
    ['A', 'x'],
    ['1', 'one'],
  ]);
  const lookup = (name: string) => env.get(name);
  it.each([
    ['$HOME/bin', '/root/bin'],
    ['${HOME}bin', '/rootbin'],
    ['$UNSET-', '-'],
    ['a$', 'a$'],
    ['$ x', '$ x'],
    ['${}', ''],
    ['${A', 'A'],
    ['$1$A', 'onex'],
    ['$$', ''],
    ['${1}', 'one'],
    ['$A_B', ''],
    ['100%', '100%'],
  ])('%s → %s', (input, expected) => {
    expect(expandGoStyle(input, lookup)).toBe(expected);
  });
});

describe('integers as gopkg.in/yaml.v2 reads them', () => {
  it.each([
    ['0', 0],
    ['42', 42],
    ['-1', -1],
    ['+7', 7],
    ['0x1F', 31],
    ['0o17', 15],
    ['017', 15],
    ['0b101', 5],
    ['1_000', 1000],
    ['08', undefined],
    ['1.5', undefined],
    ['ten', undefined],
  ])('%s → %s', (text, expected) => {
    expect(parseGoInt(text)).toBe(expected);
  });
});

describe('Go RE2 regular expressions compiled for JavaScript', () => {
  const matches = (pattern: string, subject: string): boolean => {
    const compiled = compileGoRegexp(pattern);
    if (!compiled.ok) throw new Error(compiled.message);
    return compiled.regexp.test(subject);
  };

  it.each([
    ['^hello$', 'hello', true],
    // Go's $ without (?m) matches only at the very end, as JavaScript's does.
    ['^hello$', 'hello\n', false],
    ['(?m)^b$', 'a\nb\nc', true],
    ['(?i)HELLO', 'hello', true],
    ['(?s)a.b', 'a\nb', true],
    ['a.b', 'a\nb', false],
    // Go's . matches \r and U+2028, JavaScript's does not.
    ['a.b', 'a\rb', true],
    ['a.b', 'a\u2028b', true],
    ['\\Aab', 'ab', true],
    ['\\Aab', 'xab', false],
    ['(?m)\\Ab', 'a\nb', false],
    ['ab\\z', 'ab', true],
    ['ab\\z', 'ab\n', false],
    ['(?P<word>\\w+) \\w+', 'hi there', true],
    ['\\Q1.5*\\E', '1.5*', true],
    ['\\Q1.5*\\E', '105*', false],
    ['[[:digit:]]+', 'abc123', true],
    ['^[[:alpha:]_]+$', 'ab_c', true],
    ['^[[:alpha:]]+$', 'ab1', false],
    ['[]a]', ']', true],
    ['[^]a]', ']', false],
    ['\\x{41}', 'A', true],
    ['\\s', '\u00a0', false],
    ['\\s', '\t', true],
    ['^\\S+$', 'a\u00a0', true],
    ['a{2,3}', 'aaa', true],
    ['\\d+\\.\\d+', 'v1.20', true],
    ['\\a', '\u0007', true],
  ])('/%s/ on %j matches: %s', (pattern, subject, expected) => {
    expect(matches(pattern, subject)).toBe(expected);
  });

  it.each([
    ['foo(?=bar)', /lookahead/],
    ['(?<!x)y', /lookbehind/],
    ['(a)\\1', /backreference/],
    ['\\p{Greek}', /not a valid escape|not supported/],
    ['a(?i)b', /only supported at the very start/],
    ['(?U)a+', /flag "U"/],
    ['a{1001}', /limit of 1000/],
    ['[[:^alpha:]]', /negated class/],
    ['\\u0041', /not a valid escape/],
    ['\\Z', /not a valid escape/],
    ['(unclosed', /Unterminated group|Invalid regular expression/],
    ['x\\', /lone backslash/],
  ])('rejects /%s/ with a reason', (pattern, reason) => {
    const compiled = compileGoRegexp(pattern);
    expect(compiled.ok).toBe(false);
    if (!compiled.ok) expect(compiled.message).toMatch(reason);
  });
});
