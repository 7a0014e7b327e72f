/**
 * Rules of one image.yml that a JSON Schema cannot express: names that must be unique within the file, and the
 * tags the variants produce. A variant tag equal to another tag would make two Dockerfiles fight over one
 * directory and one registry tag, so every produced tag name must be unique. The data may still have schema
 * errors here: anything not of the expected shape is skipped, it has already been reported.
 */
import type { Problem } from '../shared/errors';
import { type FieldPath, formatFieldPath } from './field-path';
import { quote } from './quote';
import { patterns } from './schemas';
import type { SourceLocators } from './source-locator';

interface Named {
  value: string;
  path: FieldPath;
}

const DOCKER_TAG = new RegExp(patterns.dockerTag);
const TAG_SUFFIX = new RegExp(patterns.tagSuffix);

function items(data: unknown, key: string): Array<Record<string, unknown>> {
  const list = data !== null && typeof data === 'object' ? (data as Record<string, unknown>)[key] : undefined;
  return Array.isArray(list) ? list.map((item) => (item !== null && typeof item === 'object' ? item : {})) : [];
}

function named(data: unknown, list: string, field: string, valid: RegExp): Named[] {
  return items(data, list).flatMap((item, index) => {
    const value = item[field];
    return typeof value === 'string' && valid.test(value) ? [{ value, path: [list, index, field] }] : [];
  });
}

export function imageRuleProblems(data: unknown, locators: SourceLocators): Problem[] {
  const problems: Problem[] = [];
  const lineOf = (path: FieldPath) => locators.locate(path).line;
  const duplicates = (entries: Named[], describe: (entry: Named, first: Named) => Omit<Problem, 'location'>) => {
    const seen = new Map<string, Named>();
    const unique: Named[] = [];
    for (const entry of entries) {
      const first = seen.get(entry.value);
      if (first) problems.push({ ...describe(entry, first), location: locators.locate(entry.path) });
      else {
        seen.set(entry.value, entry);
        unique.push(entry);
      }
    }
    return unique;
  };

  const tags = duplicates(named(data, 'tags', 'name', DOCKER_TAG), (entry, first) => ({
    message: `tag ${quote(entry.value)} is declared twice (lines ${lineOf(first.path)} and ${lineOf(entry.path)})`,
    field: formatFieldPath(entry.path),
    hint: 'remove one of them',
  }));
  duplicates(named(data, 'variants', 'name', /.+/), (entry, first) => ({
    message: `variant ${quote(entry.value)} is declared twice (lines ${lineOf(first.path)} and ${lineOf(entry.path)})`,
    field: formatFieldPath(entry.path),
    hint: 'give each variant its own name',
  }));
  const suffixes = duplicates(named(data, 'variants', 'tag_suffix', TAG_SUFFIX), (entry, first) => ({
    message: `tag_suffix ${quote(entry.value)} is used by two variants (lines ${lineOf(first.path)} and ${lineOf(entry.path)})`,
    field: formatFieldPath(entry.path),
    hint: 'give each variant its own tag_suffix',
  }));

  // Every tag this file produces, with where it comes from, to find a variant tag that equals another tag.
  const produced = new Map<string, string>();
  for (const tag of tags) produced.set(tag.value, `the tag at line ${lineOf(tag.path)}`);
  for (const suffix of suffixes) {
    const variantPath = suffix.path.slice(0, 2);
    for (const tag of tags) {
      const name = tag.value + suffix.value;
      const origin = `from tag ${quote(tag.value)} (line ${lineOf(tag.path)})`;
      const problem = { location: locators.locate(suffix.path), field: formatFieldPath(suffix.path) };
      if (name.length > 128) {
        problems.push({
          ...problem,
          message: `variant tag ${quote(name)} ${origin} has ${name.length} characters; a Docker tag has at most 128`,
          hint: 'shorten the tag_suffix',
        });
        continue;
      }
      const clash = produced.get(name);
      if (clash) {
        problems.push({
          ...problem,
          message: `variant tag ${quote(name)} ${origin} has the same name as ${clash}`,
          hint: 'change the tag_suffix or rename one of the tags',
        });
        continue;
      }
      produced.set(name, `the variant tag ${origin} of the variant at line ${lineOf(variantPath)}`);
    }
  }
  return problems;
}
