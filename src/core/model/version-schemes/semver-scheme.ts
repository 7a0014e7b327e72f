/**
 * `version_scheme: semver`
 *
 * - A version is `MAJOR.MINOR.PATCH[-PRERELEASE]` as defined by semver.org (no leading zeros, so `1.02.3` is
 *   not semver), optionally written with a leading lowercase `v` (`v1.2.3`). Build metadata (`+build.5`) is not
 *   accepted: `+` is not allowed in a Docker tag, so such a tag is rejected before aliases are computed.
 * - Each release competes for two aliases: `MAJOR` and `MAJOR.MINOR` (`1.2.3` → `1`, `1.2`). Each alias points at
 *   the highest release sharing that prefix, by semver precedence (`1.10.0` > `1.9.0`).
 * - Alias names never carry the `v`; targets keep the tag exactly as written (`1` → `v1.2.3`).
 * - Pre-releases (`1.3.0-rc.1`) never take an alias and get none of their own. A `1` alias must not silently move
 *   to a release candidate, and an automatic `1-rc.1` family would keep tracking whatever candidate is newest
 *   long after the release shipped. Point an explicit alias at a pre-release if you want one.
 * - Ordering (catalog, `latest`) is semver precedence: `1.2.3-rc.1` < `1.2.3` < `1.10.0`.
 */
import { compare, parse } from 'semver';
import type { ParsedVersion, VersionScheme } from './version-scheme';

/** The shape we accept before asking the semver package, so it never sees a form it would loosely accept. */
const SEMVER_SHAPE = /^v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;

export const semverScheme: VersionScheme = {
  name: 'semver',
  parse(text: string): ParsedVersion | undefined {
    if (!SEMVER_SHAPE.test(text)) return undefined;
    const version = parse(text);
    if (version === null) return undefined;
    return {
      text,
      components: [String(version.major), String(version.minor), String(version.patch)],
      release: version.prerelease.length === 0,
    };
  },
  compare(a: ParsedVersion, b: ParsedVersion): number {
    return compare(a.text, b.text);
  },
  aliasNames(version: ParsedVersion): string[] {
    if (!version.release) return [];
    const [major, minor] = version.components;
    return [major, `${major}.${minor}`];
  },
};
