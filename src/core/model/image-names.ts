/**
 * Image and tag name rules. Image names follow the distribution spec's repository grammar (lowercase components
 * separated by `/`); tags follow Docker's tag grammar. Both are checked before anything is written, so a bad name
 * fails at generate time with its file and line, not minutes later at push time.
 */
import * as path from 'node:path';

const REPOSITORY_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

export function isValidImageName(name: string): boolean {
  return name.length > 0 && name.length <= 255 && name.split('/').every((c) => REPOSITORY_COMPONENT.test(c));
}

export function isValidTag(tag: string): boolean {
  return TAG.test(tag);
}

/** Explains what is wrong with a tag, for error messages. */
export function explainInvalidTag(tag: string): string {
  if (tag.length === 0) return 'a tag cannot be empty';
  if (tag.length > 128) return `a tag has at most 128 characters (this one has ${tag.length})`;
  if (!/^[A-Za-z0-9_]/.test(tag)) return 'a tag must start with a letter, digit or underscore';
  const bad = [...tag].find((c) => !/[A-Za-z0-9_.-]/.test(c));
  return `"${bad}" is not allowed in a tag (letters, digits, "_", "." and "-" only)`;
}

/**
 * The image name of a definition without `name:` (seed convention): the version directory's parent
 * (`images/python/3.13` → `python`); the directory itself for base images or paths with a `base` component
 * (`images/base/ubuntu` → `ubuntu`); a definition directly in `images/<dir>/` is named after `<dir>`.
 * Only path components below the images folder count (PoC B18 looked at the absolute path).
 */
export function deriveImageName(definitionDir: string, imagesDir: string, isBaseImage: boolean): string | undefined {
  const relative = path.posix.relative(imagesDir.replace(/\\/g, '/'), definitionDir.replace(/\\/g, '/'));
  if (!relative || relative.startsWith('..')) return undefined;
  const parts = relative.split('/');
  if (parts.length === 1) return parts[0];
  if (isBaseImage || parts.slice(0, -1).includes('base')) return parts[parts.length - 1];
  return parts[parts.length - 2];
}
