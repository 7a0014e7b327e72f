/**
 * `$VAR` / `${VAR}` expansion with Go's `os.Expand` rules, which container-structure-test applies to paths,
 * environment values and command arguments: unknown variables become empty, `$` before a non-name character stays,
 * `${}` is dropped, and the one-character special names (`$1`, `$$`, `$*`, …) are looked up like any other.
 */
export type EnvLookup = (name: string) => string | undefined;

export function expandGoStyle(text: string, lookup: EnvLookup): string {
  let out = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '$' || i + 1 >= text.length) continue;
    out += text.slice(start, i);
    const { name, width } = shellName(text.slice(i + 1));
    if (name === '' && width > 0) {
      // invalid syntax such as `${}` or an unclosed `${`: Go drops it
    } else if (name === '') {
      out += '$';
    } else {
      out += lookup(name) ?? '';
    }
    i += width;
    start = i + 1;
  }
  return out + text.slice(start);
}

function shellName(rest: string): { name: string; width: number } {
  if (rest[0] === '{') {
    if (rest.length > 2 && isSpecial(rest[1]) && rest[2] === '}') return { name: rest[1], width: 3 };
    const close = rest.indexOf('}');
    if (close === 1) return { name: '', width: 2 };
    if (close < 0) return { name: '', width: 1 };
    return { name: rest.slice(1, close), width: close + 1 };
  }
  if (isSpecial(rest[0])) return { name: rest[0], width: 1 };
  let end = 0;
  while (end < rest.length && /[A-Za-z0-9_]/.test(rest[end])) end++;
  return { name: rest.slice(0, end), width: end };
}

function isSpecial(char: string): boolean {
  return '*#$@!?-0123456789'.includes(char);
}

/** `KEY=value` lines (an image config's Env) as a lookup table; later duplicates win, as in a container. */
export function envListToMap(list: readonly string[] | null | undefined): Map<string, string> {
  const env = new Map<string, string>();
  for (const item of list ?? []) {
    const equals = item.indexOf('=');
    if (equals > 0) env.set(item.slice(0, equals), item.slice(equals + 1));
    else if (item !== '') env.set(item, '');
  }
  return env;
}
