/**
 * Alias tags: "highest version wins", computed across every definition of an image at once.
 *
 * - Tags are grouped in families: base tags are family `""`, a variant's tags the family of its suffix (`-slim`;
 *   a suffix need not start with `-`). Families are independent: `3-slim` points at the highest `-slim` tag, so a
 *   variant built for some versions only aliases among those.
 * - The version scheme (see version-schemes/) says which tags are versions, how they order and which alias names
 *   each competes for; the alias name is that name plus the family suffix (`3` + `-slim`).
 * - `latest: true` adds `latest` → highest release base tag and `latest<suffix>` per variant family.
 * - Explicit `aliases:` entries win over an automatic alias of the same name; their target must be a tag.
 * - Never silent, never a crash: an alias named like an existing tag, two families or two entries claiming one
 *   alias, an alias that is not a valid Docker tag, two tags with the same version written differently, a tag that
 *   reads as another family's tag (`1.0.1-x` beside a `-x` variant) are all reported as problems, together.
 * Pure: no file system, no logging. Output is sorted by alias name and independent of the input order.
 */
import type { VersionSchemeSetting } from '../config/types';
import { didYouMean, editDistance } from '../shared/did-you-mean';
import { formatLocation, type Problem, type SourceLocation } from '../shared/errors';
import {
  detectScheme,
  equalVersions,
  familyAliases,
  looksLikeVersion,
  schemeNamed,
  type ParsedVersion,
  type VersionScheme,
  type VersionSchemeName,
} from './version-schemes';

export interface AliasTagInput {
  tag: string;
  /** The base tag name this tag is built from (equal to `tag` for base tags). */
  version: string;
  /** `''` for base tags, the variant's tag suffix for variant tags. */
  family: string;
  source?: SourceLocation;
  /** Where in its file the tag is named, e.g. `tags[1].name`. */
  field?: string;
}

export interface ExplicitAlias {
  alias: string;
  target: string;
  source?: SourceLocation;
}

export interface AliasInput {
  image: string;
  scheme: VersionSchemeSetting;
  latest: boolean;
  tags: AliasTagInput[];
  explicit: ExplicitAlias[];
  schemeSource?: SourceLocation;
  latestSource?: SourceLocation;
}

export type AliasKind = 'automatic' | 'latest' | 'explicit';

export interface ResolvedAlias {
  alias: string;
  target: string;
  kind: AliasKind;
  /** Why the alias points there: `highest 3.13.x`, `latest: highest release`, `explicit`. */
  reason: string;
}

export interface AliasResult {
  aliases: ResolvedAlias[];
  scheme: VersionSchemeName;
  /** How the scheme was chosen (`auto: every version tag is semver …`). */
  schemeReason: string;
  problems: Problem[];
}

interface Candidate extends ResolvedAlias {
  tag?: AliasTagInput;
  source?: SourceLocation;
}

const DOCKER_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

export function resolveAliases(input: AliasInput): AliasResult {
  const problems: Problem[] = [];
  const tags = canonicalTags(input.tags);
  const detected = input.scheme === 'auto' ? detectScheme(tags.map((tag) => tag.version)) : undefined;
  const scheme = schemeNamed(detected?.scheme ?? (input.scheme as VersionSchemeName));
  const parsed = parseVersions(input, tags, scheme, problems);
  if (scheme.name !== 'none') problems.push(...sameVersionProblems(tags, parsed, scheme), ...lookalikes(tags, scheme));
  const { aliases, missingLatest } = automaticAliases(input, tags, parsed, scheme, problems);
  applyExplicit(input, tags, aliases, problems);
  // An explicit `latest` entry covers a family with nothing to point an automatic one at.
  for (const [alias, problem] of missingLatest) if (!aliases.has(alias)) problems.push(problem);
  const tagNames = new Map(tags.map((tag) => [tag.tag, tag]));
  const accepted: ResolvedAlias[] = [];
  for (const candidate of [...aliases.values()].sort((a, b) => compareText(a.alias, b.alias))) {
    const problem = namingProblem(input, candidate, tagNames.get(candidate.alias));
    const { alias, target, kind, reason } = candidate;
    if (problem) problems.push(problem);
    else accepted.push({ alias, target, kind, reason });
  }
  const schemeReason = detected?.reason ?? `version_scheme: ${scheme.name}`;
  return { aliases: accepted, scheme: scheme.name, schemeReason, problems: sortProblems(problems) };
}

/** Removes exact duplicates (the model reports duplicate tags) and fixes one order whatever the input order. */
function canonicalTags(tags: AliasTagInput[]): AliasTagInput[] {
  const sorted = [...tags].sort(
    (a, b) => compareText(a.family, b.family) || compareText(a.tag, b.tag) || compareSources(a.source, b.source),
  );
  return sorted.filter((tag, i) => i === 0 || tag.tag !== sorted[i - 1].tag || tag.family !== sorted[i - 1].family);
}

/** Every family's automatic aliases in one map; also the `latest<suffix>` names no release could fill. */
function automaticAliases(
  input: AliasInput,
  tags: AliasTagInput[],
  parsed: Map<string, ParsedVersion>,
  scheme: VersionScheme,
  problems: Problem[],
) {
  const aliases = new Map<string, Candidate>();
  const missingLatest = new Map<string, Problem>();
  for (const family of new Set(tags.map((tag) => tag.family))) {
    // Within one family a version names exactly one tag (tag = version + suffix).
    const members = new Map<ParsedVersion, AliasTagInput>();
    for (const tag of tags)
      if (tag.family === family && parsed.has(tag.version)) members.set(parsed.get(tag.version)!, tag);
    for (const { alias, version, kind, reason } of familyAliases(scheme, members.keys(), family, input.latest)) {
      const tag = members.get(version)!;
      const other = aliases.get(alias);
      if (!other) aliases.set(alias, { alias, target: tag.tag, kind, reason, tag });
      else
        problems.push(
          problemAt(
            tag,
            `alias "${alias}" would point both at "${other.target}"${at(other.tag?.source)} (${other.reason}) and at "${tag.tag}" (${reason})`,
            'choose variant tag suffixes that cannot be read as part of a version, or set version_scheme: none',
          ),
        );
    }
    if (input.latest && !aliases.has(`latest${family}`))
      missingLatest.set(`latest${family}`, {
        message: `latest: true, but no ${family === '' ? 'base tag' : `"${family}" tag`} of ${input.image} is a release version (${scheme.name} scheme)`,
        location: input.latestSource,
        field: 'latest',
        hint: `add an explicit alias "latest${family}: <tag>" or set latest: false`,
      });
  }
  return { aliases, missingLatest };
}

function parseVersions(input: AliasInput, tags: AliasTagInput[], scheme: VersionScheme, problems: Problem[]) {
  const parsed = new Map<string, ParsedVersion>();
  for (const tag of tags) {
    if (parsed.has(tag.version)) continue;
    const version = scheme.parse(tag.version);
    if (version) parsed.set(tag.version, version);
    // With a scheme chosen by hand, a version-looking tag it cannot read is most likely a mistake.
    else if (input.scheme !== 'auto' && tag.family === '' && looksLikeVersion(tag.version))
      problems.push(
        problemAt(
          tag,
          `tag "${tag.tag}" of ${input.image} is not a ${scheme.name} version, so it gets no aliases`,
          `rename the tag, or change version_scheme: ${scheme.name}${at(input.schemeSource)} (auto, none or another scheme)`,
        ),
      );
  }
  return parsed;
}

function sameVersionProblems(tags: AliasTagInput[], parsed: Map<string, ParsedVersion>, scheme: VersionScheme) {
  const firstTag = (version: ParsedVersion) => tags.find((tag) => tag.version === version.text)!;
  return equalVersions(scheme, parsed.values()).map(([lower, higher]) => {
    const [kept, other] = [firstTag(lower), firstTag(higher)];
    const message = `two tags with the same version: "${other.tag}" and "${kept.tag}"${at(kept.source)} are the same ${scheme.name} version`;
    return problemAt(other, message, 'keep only one of them');
  });
}

/** A tag that reads as a release of another family (`1.0.1-x` beside a `-x` variant) would mislead `1-x` readers. */
function lookalikes(tags: AliasTagInput[], scheme: VersionScheme): Problem[] {
  const problems: Problem[] = [];
  const suffixes = [...new Set(tags.map((tag) => tag.family))].filter((family) => family !== '');
  for (const tag of tags) {
    for (const suffix of suffixes) {
      const stem = suffix !== tag.family && tag.tag.endsWith(suffix) && scheme.parse(tag.tag.slice(0, -suffix.length));
      if (!stem || !stem.release) continue;
      const example = tags.find((other) => other.family === suffix)!;
      const what = tag.family === '' ? 'base tag' : `"${tag.family}" tag`;
      const message = `tag "${tag.tag}" reads as the "${suffix}" variant of ${stem.text}, but it is a ${what}; "${suffix}" aliases only follow the variant's own tags (such as "${example.tag}"${at(example.source)})`;
      problems.push(
        problemAt(tag, message, `rename the tag so it does not end in "${suffix}", or build it as that variant`),
      );
    }
  }
  return problems;
}

function applyExplicit(input: AliasInput, tags: AliasTagInput[], aliases: Map<string, Candidate>, problems: Problem[]) {
  const tagNames = [...new Set(tags.map((tag) => tag.tag))];
  const explicit = [...input.explicit].sort(
    (a, b) => compareText(a.alias, b.alias) || compareSources(a.source, b.source) || compareText(a.target, b.target),
  );
  const taken = new Map<string, ExplicitAlias>();
  for (const entry of explicit) {
    const earlier = taken.get(entry.alias);
    const location = { source: entry.source, field: `aliases.${entry.alias}` };
    if (earlier && earlier.target !== entry.target)
      problems.push(
        problemAt(
          location,
          `alias "${entry.alias}" points at "${entry.target}" here and at "${earlier.target}"${at(earlier.source)}`,
          'keep one of the two entries',
        ),
      );
    if (earlier) continue;
    if (!tagNames.includes(entry.target)) {
      problems.push(badTarget(input, entry, tagNames, aliases.get(entry.target)));
      continue;
    }
    taken.set(entry.alias, entry);
    const automatic = aliases.get(entry.alias);
    const reason = automatic ? `explicit (overrides ${automatic.reason} → ${automatic.target})` : 'explicit';
    aliases.set(entry.alias, { ...entry, kind: 'explicit', reason });
  }
}

function badTarget(input: AliasInput, entry: ExplicitAlias, tagNames: string[], alias?: Candidate): Problem {
  const byDistance = (a: string, b: string) =>
    editDistance(entry.target, a) - editDistance(entry.target, b) || compareText(a, b);
  const close = [...tagNames].sort(byDistance).slice(0, 5);
  const suggestion = didYouMean(entry.target, tagNames);
  return problemAt(
    { source: entry.source, field: `aliases.${entry.alias}` },
    `alias "${entry.alias}" points at "${entry.target}", which is not a tag of ${input.image}`,
    alias
      ? `"${entry.target}" is itself an alias (${alias.reason} → ${alias.target}); point at a tag such as "${alias.target}"`
      : `${suggestion ? `did you mean "${suggestion}"? ` : ''}closest tags: ${close.join(', ') || '(none)'}`,
  );
}

function namingProblem(input: AliasInput, alias: Candidate, sameNamedTag?: AliasTagInput): Problem | undefined {
  const explicit = alias.kind === 'explicit';
  const what = explicit
    ? `alias "${alias.alias}"`
    : `automatic alias "${alias.alias}" (${alias.reason} → ${alias.target})`;
  const where = explicit ? { source: alias.source, field: `aliases.${alias.alias}` } : (sameNamedTag ?? alias.tag);
  if (sameNamedTag) {
    const hint = explicit
      ? 'rename or remove the alias'
      : alias.kind === 'latest'
        ? `rename or remove tag "${sameNamedTag.tag}", or set latest: false${at(input.latestSource)}`
        : `remove or rename tag "${sameNamedTag.tag}", or set version_scheme: none (or another scheme)${at(input.schemeSource)} to drop the automatic aliases`;
    const tagAt = explicit ? at(sameNamedTag.source) : '';
    return problemAt(where, `${what} has the same name as tag "${sameNamedTag.tag}"${tagAt}`, hint);
  }
  if (DOCKER_TAG.test(alias.alias)) return undefined;
  const hint = "a tag is 1 to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-'";
  return problemAt(where, `${what} is not a valid Docker tag`, hint);
}

function problemAt(where: { source?: SourceLocation; field?: string } | undefined, message: string, hint: string) {
  return { message, location: where?.source, field: where?.field, hint };
}

function at(source?: SourceLocation): string {
  return source ? ` (${formatLocation(source)})` : '';
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareSources(a?: SourceLocation, b?: SourceLocation): number {
  const byFile = compareText(a?.file ?? '', b?.file ?? '');
  return byFile || (a?.line ?? 0) - (b?.line ?? 0) || (a?.column ?? 0) - (b?.column ?? 0);
}

function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort((a, b) => compareSources(a.location, b.location) || compareText(a.message, b.message));
}
