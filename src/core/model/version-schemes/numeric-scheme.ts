/**
 * `version_scheme: numeric`
 *
 * - A version is one or more dot-separated runs of digits (`9`, `9.0`, `1.2.3.4`, `24.04.1`), optionally written
 *   with a leading lowercase `v`. Nothing may follow the last number (no pre-releases).
 * - Each version competes for every proper prefix: `1.2.3.4` → `1`, `1.2`, `1.2.3`. Each alias points at the
 *   highest version sharing that prefix.
 * - Components compare as integers of any size (`1.10` > `1.9`, `09` = `9`). When one version is a prefix of
 *   another the longer one is higher (`9.0` < `9.0.1`), so `1.2` and `1.2.0` are different versions.
 * - Alias names keep the components exactly as written (`24.04.1` → `24.04`, never `24.4`) so an alias reads
 *   like the tags it stands for; no `v`.
 * - Two tags whose components are equal as integers (`1.02` and `1.2`, `v1.2` and `1.2`) are the same version:
 *   that is an error rather than a silent choice.
 */
import { compareComponents, properPrefixes, type ParsedVersion, type VersionScheme } from './version-scheme';

const NUMERIC = /^v?(\d+(?:\.\d+)*)$/;

export const numericScheme: VersionScheme = {
  name: 'numeric',
  parse(text: string): ParsedVersion | undefined {
    const match = NUMERIC.exec(text);
    if (!match) return undefined;
    return { text, components: match[1].split('.'), release: true };
  },
  compare(a: ParsedVersion, b: ParsedVersion): number {
    return compareComponents(a.components, b.components);
  },
  aliasNames(version: ParsedVersion): string[] {
    return properPrefixes(version.components);
  },
};
