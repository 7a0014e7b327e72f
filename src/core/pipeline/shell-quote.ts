/**
 * Quotes a word for a POSIX shell line in a generated pipeline. Image names and paths are normally plain
 * (`python`, `dist`), so they stay unquoted and readable; anything else is single-quoted.
 */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_.,:/@%+=-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
