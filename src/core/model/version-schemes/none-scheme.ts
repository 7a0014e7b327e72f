/**
 * `version_scheme: none`
 *
 * - No automatic version aliases at all. Explicit `aliases:` entries still apply, and so does `latest: true`.
 * - `latest` (and catalog sorting) still needs an order: every version-looking tag (starting with a digit, or
 *   `v` and a digit) is ordered by "version sort", as `sort -V` does: runs of digits compare as integers, other
 *   characters as text (`3.9-bookworm` < `3.10-bookworm`, `1.2` < `1.2-rc.1`). Version sort knows nothing of
 *   pre-releases, so with `none` a `-rc` tag can be the highest; use an explicit `latest` alias for such images.
 */
import { compareDigits, looksLikeVersion, type ParsedVersion, type VersionScheme } from './version-scheme';

/** Version-sort comparison of two texts; equal only when the texts are equal up to zero padding of numbers. */
export function compareNatural(a: string, b: string): number {
  const x = a.match(/\d+|\D+/g) ?? [];
  const y = b.match(/\d+|\D+/g) ?? [];
  const shared = Math.min(x.length, y.length);
  for (let i = 0; i < shared; i++) {
    const bothDigits = /^\d/.test(x[i]) && /^\d/.test(y[i]);
    const order = bothDigits ? compareDigits(x[i], y[i]) : x[i] < y[i] ? -1 : x[i] > y[i] ? 1 : 0;
    if (order !== 0) return order;
  }
  return x.length - y.length;
}

export const noneScheme: VersionScheme = {
  name: 'none',
  parse(text: string): ParsedVersion | undefined {
    return looksLikeVersion(text) ? { text, components: [], release: true } : undefined;
  },
  compare(a: ParsedVersion, b: ParsedVersion): number {
    return compareNatural(a.text, b.text);
  },
  aliasNames(): string[] {
    return [];
  },
};
