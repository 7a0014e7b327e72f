/**
 * Just enough POSIX-shell word splitting to read Dockerfile arguments: whitespace separates words except inside
 * quotes, a backslash escapes the next character outside single quotes. No variable expansion: the words are only
 * inspected (heredoc markers, COPY sources), never executed.
 */

/** Splits into words, keeping quotes and backslashes as written (BuildKit's "raw" mode for heredoc detection). */
export function splitShellWords(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '' | "'" | '"' = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      word += ch;
      if (ch === '\\' && quote === '"' && i + 1 < text.length) word += text[++i];
      else if (ch === quote) quote = '';
      continue;
    }
    if (/\s/.test(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      continue;
    }
    inWord = true;
    word += ch;
    if (ch === '\\' && i + 1 < text.length) word += text[++i];
    else if (ch === "'" || ch === '"') quote = ch;
  }
  if (inWord) words.push(word);
  return words;
}

/** Removes quoting and escapes from one raw word; undefined when a quote is left open. */
export function unquoteShellWord(raw: string): string | undefined {
  let out = '';
  let quote: '' | "'" | '"' = '';
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (quote === "'") {
      if (ch === "'") quote = '';
      else out += ch;
    } else if (quote === '"') {
      if (ch === '"') quote = '';
      else if (ch === '\\' && i + 1 < raw.length && '"\\$`'.includes(raw[i + 1])) out += raw[++i];
      else out += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
    } else if (ch === '\\' && i + 1 < raw.length) {
      out += raw[++i];
    } else {
      out += ch;
    }
  }
  return quote ? undefined : out;
}
