/** Code-point order: the same on every machine and locale, unlike localeCompare, so pages stay byte-identical. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Case-insensitive first (how people scan a package list), code-point order to break ties deterministically. */
export function compareTextIgnoringCase(a: string, b: string): number {
  return compareText(a.toLowerCase(), b.toLowerCase()) || compareText(a, b);
}
