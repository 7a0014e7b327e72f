/**
 * Choosing a version scheme (`version_scheme: auto`, the default) and ordering tags with it.
 *
 * `auto` looks at the versions of all tags of the image (every definition together) that look like versions:
 * those starting with a digit, or with a lowercase `v` and a digit. `latest`, `stable`, `edge`, `bookworm` never
 * take part. Then, in this order:
 * 1. `semver` when every one of them is semver (`MAJOR.MINOR.PATCH[-pre-release]`, optional `v`);
 * 2. `calendar` when every one is a calendar version (`YYYY.MM[.N]` with a 1990–2099 year, `YY.MM[.N]` with a
 *    zero-padded 01–12 month);
 * 3. `numeric` when every one is dotted numbers (`1.2.3.4`, `9.0`);
 * 4. otherwise `none` (no automatic aliases), also when no tag looks like a version at all.
 * The order matters only for inputs several schemes accept: `2025.10.1` alone is semver, `2025.09.1` (leading
 * zero) is calendar; for such tags semver, calendar and numeric produce the same aliases. The result depends
 * only on the set of versions, never on their order.
 */
import { calendarScheme } from './calendar-scheme';
import { compareNatural, noneScheme } from './none-scheme';
import { numericScheme } from './numeric-scheme';
import { semverScheme } from './semver-scheme';
import { looksLikeVersion, type VersionScheme, type VersionSchemeName } from './version-scheme';

export type { ParsedVersion, VersionScheme, VersionSchemeName } from './version-scheme';
export { looksLikeVersion } from './version-scheme';
export { equalVersions, familyAliases, type VersionAlias } from './highest';

const SCHEMES: Record<VersionSchemeName, VersionScheme> = {
  semver: semverScheme,
  calendar: calendarScheme,
  numeric: numericScheme,
  none: noneScheme,
};

const DETECTION_ORDER: ReadonlyArray<{ scheme: VersionScheme; description: string }> = [
  { scheme: semverScheme, description: 'semver (MAJOR.MINOR.PATCH[-pre-release])' },
  { scheme: calendarScheme, description: 'a calendar version (YYYY.MM[.N] or YY.MM[.N])' },
  { scheme: numericScheme, description: 'dotted numbers' },
];

export function schemeNamed(name: VersionSchemeName): VersionScheme {
  return SCHEMES[name];
}

export interface SchemeDetection {
  scheme: VersionSchemeName;
  /** Why, in words a user can act on (shown by `list`). */
  reason: string;
}

export function detectScheme(versions: Iterable<string>): SchemeDetection {
  const candidates = [...new Set(versions)].filter(looksLikeVersion).sort();
  if (candidates.length === 0) return { scheme: 'none', reason: 'auto: no tag is a version' };
  for (const { scheme, description } of DETECTION_ORDER) {
    if (candidates.every((version) => scheme.parse(version) !== undefined))
      return { scheme: scheme.name, reason: `auto: every version tag is ${description}` };
  }
  const misfits = (scheme: VersionScheme): string =>
    candidates
      .filter((version) => scheme.parse(version) === undefined)
      .slice(0, 3)
      .join(', ');
  return {
    scheme: 'none',
    reason:
      `auto: no scheme fits every version tag (not semver: ${misfits(semverScheme)}; not numeric: ` +
      `${misfits(numericScheme)}), so there are no automatic aliases; set version_scheme to choose one`,
  };
}

/**
 * Orders two versions (base tag names, not variant tag names) under a scheme, lowest first: versions of the scheme
 * by the scheme's order, below them the texts that are not versions of the scheme in version-sort order. Ties
 * (`v1.2.3` and `1.2.3`) are broken by the text, so sorting is total and deterministic.
 */
export function compareVersions(scheme: VersionSchemeName, a: string, b: string): number {
  const rules = SCHEMES[scheme];
  const x = rules.parse(a);
  const y = rules.parse(b);
  let order: number;
  if (x && y) order = rules.compare(x, y);
  else if (x || y) order = x ? 1 : -1;
  else order = compareNatural(a, b);
  return order !== 0 ? order : a < b ? -1 : a > b ? 1 : 0;
}
