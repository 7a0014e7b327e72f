/**
 * Compiles the regular expressions of a container-structure-test config, which the real tool runs with Go's RE2
 * syntax, into JavaScript RegExps that match the same text. Constructs whose meaning differs are translated
 * (`.` and `\s` are ASCII/newline-only in Go, `\A`/`\z`, `(?P<name>`, `\Q…\E`, `[[:alpha:]]`, `\x{41}`, a leading
 * `(?i)`/`(?s)`/`(?m)`), and constructs only one side accepts are rejected with a reason, so a pattern never
 * silently means something else here than in the real tool:
 * - lookahead/lookbehind and backreferences (not in RE2); `\p{…}` classes, `\u`, `\k`, `\c`, `\C`, `\Z`;
 * - flags other than at the very start, and the ungreedy flag `U`;
 * - repeat counts above 1000 (RE2's limit); a negated POSIX class (`[[:^alpha:]]`).
 * Known remaining differences: `(?i)` folds case with JavaScript's rules, and `^`/`$` with `(?m)` also treat `\r`
 * as a line end.
 */
export type CompileResult = { ok: true; regexp: RegExp } | { ok: false; message: string };

const POSIX_CLASSES: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};
const GO_LETTER_ESCAPES = new Set(['a', 'f', 't', 'n', 'r', 'v', 'd', 'D', 's', 'S', 'w', 'W', 'b', 'B']);
const SPECIALS = /[\\^$.|?*+()[\]{}/-]/g;

class Unsupported extends Error {}

export function compileGoRegexp(source: string): CompileResult {
  try {
    let pattern = source;
    let flags = '';
    const leading = /^\(\?([a-zA-Z]+)\)/.exec(pattern);
    if (leading) {
      for (const flag of leading[1]) {
        if (!'ims'.includes(flag)) throw new Unsupported(`the flag "${flag}" is not supported`);
        if (!flags.includes(flag)) flags += flag;
      }
      pattern = pattern.slice(leading[0].length);
    }
    return { ok: true, regexp: new RegExp(translate(pattern, flags.includes('s')), flags) };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}

function translate(pattern: string, dotAll: boolean): string {
  let out = '';
  let inClass = false;
  let i = 0;
  while (i < pattern.length) {
    const char = pattern[i];
    if (char === '\\') {
      const { text, width } = escape(pattern, i, inClass);
      out += text;
      i += width;
      continue;
    }
    if (inClass) {
      const posix = /^\[:(\^?)([a-z]+):\]/.exec(pattern.slice(i));
      if (posix) {
        if (posix[1]) throw new Unsupported(`the negated class "${posix[0]}" is not supported`);
        const expansion = POSIX_CLASSES[posix[2]];
        if (!expansion) throw new Unsupported(`unknown character class "${posix[0]}"`);
        out += expansion;
        i += posix[0].length;
        continue;
      }
      if (char === ']') inClass = false;
      out += char === '[' ? '\\[' : char;
      i++;
      continue;
    }
    if (char === '[') {
      inClass = true;
      out += '[';
      i++;
      if (pattern[i] === '^') {
        out += '^';
        i++;
      }
      // In Go a `]` right after `[` or `[^` is a literal; in JavaScript it would close an empty class.
      if (pattern[i] === ']') {
        out += '\\]';
        i++;
      }
      continue;
    }
    if (char === '(' && pattern[i + 1] === '?') {
      const { text, width } = group(pattern, i);
      out += text;
      i += width;
      continue;
    }
    if (char === '{') {
      const count = /^\{(\d+)(?:,(\d*))?\}/.exec(pattern.slice(i));
      if (count && (Number(count[1]) > 1000 || Number(count[2] || 0) > 1000)) {
        throw new Unsupported(`the repeat count in "${count[0]}" is above RE2's limit of 1000`);
      }
    }
    // Go's `.` excludes only `\n`; JavaScript's also excludes `\r`, U+2028 and U+2029.
    out += char === '.' ? (dotAll ? '[\\s\\S]' : '[^\\n]') : char;
    i++;
  }
  return out;
}

function escape(pattern: string, at: number, inClass: boolean): { text: string; width: number } {
  const next = pattern[at + 1];
  if (next === undefined) throw new Unsupported('the pattern ends with a lone backslash');
  if (next === 'Q') {
    const end = pattern.indexOf('\\E', at + 2);
    const literal = pattern.slice(at + 2, end < 0 ? undefined : end);
    return { text: literal.replace(SPECIALS, '\\$&'), width: (end < 0 ? pattern.length : end + 2) - at };
  }
  if (next === 'x' && pattern[at + 2] === '{') {
    const hex = /^\{([0-9A-Fa-f]{1,8})\}/.exec(pattern.slice(at + 2));
    if (!hex || parseInt(hex[1], 16) > 0xffff) throw new Unsupported('only \\x{…} up to FFFF is supported');
    return { text: `\\u${hex[1].padStart(4, '0')}`, width: 3 + hex[0].length };
  }
  if (/[0-9]/.test(next)) throw new Unsupported(`"\\${next}" (octal escape or backreference) is not supported`);
  if (next === 'A' || next === 'z') {
    if (inClass) throw new Unsupported(`"\\${next}" cannot be used inside a character class`);
    return { text: next === 'A' ? '(?<![\\s\\S])' : '(?![\\s\\S])', width: 2 };
  }
  if (next === 'a') return { text: '\\x07', width: 2 };
  // Go's \s is [\t\n\f\r ]; JavaScript's also matches \v and Unicode spaces.
  if (next === 's') return { text: inClass ? '\\t\\n\\f\\r ' : '[\\t\\n\\f\\r ]', width: 2 };
  if (next === 'S' && !inClass) return { text: '[^\\t\\n\\f\\r ]', width: 2 };
  if (/[A-Za-z]/.test(next) && !GO_LETTER_ESCAPES.has(next) && next !== 'x') {
    throw new Unsupported(`"\\${next}" is not a valid escape in Go's RE2 syntax`);
  }
  return { text: `\\${next}`, width: 2 };
}

function group(pattern: string, at: number): { text: string; width: number } {
  const rest = pattern.slice(at);
  if (rest.startsWith('(?:')) return { text: '(?:', width: 3 };
  const named = /^\(\?P?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(rest);
  if (named) return { text: `(?<${named[1]}>`, width: named[0].length };
  if (/^\(\?(=|!|<=|<!)/.test(rest)) throw new Unsupported('lookahead and lookbehind are not supported by Go (RE2)');
  if (rest.startsWith('(?P=')) throw new Unsupported('backreferences are not supported by Go (RE2)');
  throw new Unsupported('flags are only supported at the very start of the pattern, e.g. "(?i)abc"');
}
