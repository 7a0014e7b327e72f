/**
 * What every version scheme provides to the alias resolver and to catalog sorting.
 *
 * A scheme reads a *version* (a base tag name such as `3.13.7`; a variant tag `3.13.7-slim` has the version
 * `3.13.7`) and says three things about it: whether it is a version of this scheme at all, how it orders against
 * other versions, and which alias names (without the variant suffix) it competes for. The resolver then points
 * each alias name at the highest competing version. Keeping the scheme this small means a new scheme is one
 * file and cannot change how conflicts, families or `latest` work.
 */

export type VersionSchemeName = 'semver' | 'numeric' | 'calendar' | 'none';

export interface ParsedVersion {
  /** The version exactly as written (`v1.2.3`, `2025.09.1`): targets keep it. */
  text: string;
  /**
   * The literal numeric components alias names are built from (`2025.09.1` → `['2025', '09', '1']`, no `v`,
   * zero padding kept, pre-release left out).
   */
  components: string[];
  /** False for pre-releases: they never take an automatic alias nor `latest`. */
  release: boolean;
}

export interface VersionScheme {
  readonly name: VersionSchemeName;
  /** The version read by this scheme, or undefined when the text is not one of its versions. */
  parse(text: string): ParsedVersion | undefined;
  /** Negative, zero or positive like a sort comparator. Zero means the same version, however it is written. */
  compare(a: ParsedVersion, b: ParsedVersion): number;
  /** The alias names (no variant suffix) this version competes for; empty for pre-releases. */
  aliasNames(version: ParsedVersion): string[];
}

/** Compares two runs of decimal digits as integers of any size (`09` = `9`, `10` > `9`, no precision loss). */
export function compareDigits(a: string, b: string): number {
  const x = a.replace(/^0+(?=\d)/, '');
  const y = b.replace(/^0+(?=\d)/, '');
  if (x.length !== y.length) return x.length - y.length;
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Component-wise integer comparison; when one list is a prefix of the other, the longer one is higher
 * (`1.2` < `1.2.0` < `1.2.0.1`), so two versions are equal only when they have as many components.
 */
export function compareComponents(a: readonly string[], b: readonly string[]): number {
  const shared = Math.min(a.length, b.length);
  for (let i = 0; i < shared; i++) {
    const order = compareDigits(a[i], b[i]);
    if (order !== 0) return order;
  }
  return a.length - b.length;
}

/** Every proper prefix of the components, joined with dots: `['1','2','3','4']` → `1`, `1.2`, `1.2.3`. */
export function properPrefixes(components: readonly string[]): string[] {
  const prefixes: string[] = [];
  for (let length = 1; length < components.length; length++) prefixes.push(components.slice(0, length).join('.'));
  return prefixes;
}

/**
 * Whether a version takes part in version schemes at all: it starts with a digit, or with a lowercase `v` and a
 * digit. `latest`, `stable`, `edge`, `bookworm`, `V1.2.3` do not; they never get or take an automatic alias.
 */
export function looksLikeVersion(text: string): boolean {
  return /^v?\d/.test(text);
}
