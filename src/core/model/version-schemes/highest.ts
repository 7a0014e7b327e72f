/**
 * "Highest version wins" under a scheme: which version each automatic alias of one family points at, and which
 * versions are equal although written differently. Ties between equal versions are broken by the text so the
 * answer never depends on input order (equal versions are reported as an error anyway).
 */
import type { ParsedVersion, VersionScheme } from './version-scheme';

export interface VersionAlias {
  /** Alias name with the family suffix (`3-slim`). */
  alias: string;
  version: ParsedVersion;
  kind: 'automatic' | 'latest';
  /** `highest 3.x`, `highest 3.x among "-slim" tags`, `latest: highest release`. */
  reason: string;
}

function isHigher(scheme: VersionScheme, a: ParsedVersion, b: ParsedVersion): boolean {
  return (scheme.compare(a, b) || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0)) > 0;
}

/**
 * The automatic aliases of one family: each alias name the scheme offers, suffixed, pointing at the highest
 * release competing for it; with `latest`, also `latest<suffix>` → the highest release. Pre-releases are ignored.
 */
export function familyAliases(
  scheme: VersionScheme,
  versions: Iterable<ParsedVersion>,
  suffix: string,
  latest: boolean,
): VersionAlias[] {
  const among = suffix === '' ? '' : ` among "${suffix}" tags`;
  const highest = new Map<string, ParsedVersion>();
  let top: ParsedVersion | undefined;
  for (const version of versions) {
    if (!version.release) continue;
    if (!top || isHigher(scheme, version, top)) top = version;
    for (const name of scheme.aliasNames(version)) {
      const best = highest.get(name);
      if (!best || isHigher(scheme, version, best)) highest.set(name, version);
    }
  }
  const aliases: VersionAlias[] = [...highest].map(([name, version]) => ({
    alias: name + suffix,
    version,
    kind: 'automatic',
    reason: `highest ${name}.x${among}`,
  }));
  if (latest && top)
    aliases.push({ alias: `latest${suffix}`, version: top, kind: 'latest', reason: `latest: highest release${among}` });
  return aliases;
}

/** Pairs of different texts the scheme reads as one version (`v1.2.3`/`1.2.3`, `1.02`/`1.2`), lower text first. */
export function equalVersions(
  scheme: VersionScheme,
  versions: Iterable<ParsedVersion>,
): Array<[ParsedVersion, ParsedVersion]> {
  const sorted = [...versions].sort((a, b) => (isHigher(scheme, a, b) ? 1 : -1));
  const pairs: Array<[ParsedVersion, ParsedVersion]> = [];
  for (let i = 1; i < sorted.length; i++)
    if (sorted[i - 1].text !== sorted[i].text && scheme.compare(sorted[i - 1], sorted[i]) === 0)
      pairs.push([sorted[i - 1], sorted[i]]);
  return pairs;
}
