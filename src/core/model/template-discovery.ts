/**
 * Which Dockerfile and test template a tag is rendered from. Candidates are looked up in the definition's own
 * folder first, then in a sibling `templates/` folder shared by the image's versions (`images/python/templates/`).
 *
 * Dockerfile, for a base tag: the image's explicit `template`, else `Dockerfile.mustache`, else `Dockerfile`.
 * For a variant tag: the variant's explicit `template`; `<version>/<variant>/Dockerfile(.mustache)` (PoC B1 never
 * looked there); `Dockerfile.<variant>.mustache` / `Dockerfile.<variant>`; else the base tags' template.
 * Test template: the same order with `test_template`, `test.yml.mustache` / `test.yml`; none is fine (no tests).
 */
import * as path from 'node:path';
import type { DirectoryListings } from './directory-listings';

export interface TemplateSearch {
  /** Absolute path of the chosen template, or undefined when no candidate exists. */
  found?: string;
  /** Every path looked at, relative to the project root, for the error message (made only when asked for). */
  searched(): string[];
}

export function templateDirs(definitionDir: string, imagesDir: string): string[] {
  const dirs = [definitionDir];
  const parent = path.dirname(definitionDir);
  if (path.resolve(parent) !== path.resolve(imagesDir)) dirs.push(path.join(parent, 'templates'));
  return dirs;
}

export function searchTemplate(
  root: string,
  dirs: string[],
  names: string[],
  listings: DirectoryListings,
): TemplateSearch {
  const looked: string[] = [];
  const searched = () => looked.map((candidate) => path.relative(root, candidate).split(path.sep).join('/'));
  // The definition's own folder wins over the shared templates/ folder, whatever the file's name.
  for (const dir of dirs) {
    for (const name of names) {
      const candidate = path.resolve(dir, name);
      looked.push(candidate);
      if (listings.isFile(candidate)) return { found: candidate, searched };
    }
  }
  return { found: undefined, searched };
}

const withMustache = (base: string) => [`${base}.mustache`, base];

export function dockerfileCandidates(explicit: string | undefined): string[] {
  return explicit ? [explicit] : withMustache('Dockerfile');
}

export function variantDockerfileCandidates(variant: string, explicit: string | undefined): string[] {
  if (explicit) return [explicit];
  return [...withMustache(`${variant}/Dockerfile`), ...withMustache(`Dockerfile.${variant}`)];
}

export function testCandidates(explicit: string | undefined): string[] {
  return explicit ? [explicit] : withMustache('test.yml');
}

export function variantTestCandidates(variant: string, explicit: string | undefined): string[] {
  if (explicit) return [explicit];
  return [...withMustache(`${variant}/test.yml`), ...withMustache(`test.${variant}.yml`)];
}
