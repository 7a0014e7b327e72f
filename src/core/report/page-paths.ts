/**
 * Where each page lives inside dist/ and how pages link to each other. Every link is relative and names the file
 * (`lua/index.html`, not `lua/`): from file:// a folder link opens a directory listing, not the page.
 */
import * as path from 'node:path';

export const INDEX_PAGE = 'index.html';
export const SBOM_PAGE = 'sbom.html';

export function catalogPage(): string {
  return INDEX_PAGE;
}

export function imagePage(image: string): string {
  return `${image}/${INDEX_PAGE}`;
}

export function tagPage(image: string, tag: string): string {
  return `${image}/${tag}/${INDEX_PAGE}`;
}

export function sbomPage(image: string, tag: string, slug: string): string {
  return `${image}/${tag}/${slug}/${SBOM_PAGE}`;
}

/** Any other file of a tag folder (`Dockerfile`, `linux-amd64/junit.xml`). */
export function tagFile(image: string, tag: string, file: string): string {
  return `${image}/${tag}/${file}`;
}

/** A relative, URL-encoded link from one page (path inside dist/) to another file, with an optional fragment. */
export function href(fromPage: string, to: string, fragment?: string): string {
  const relative = path.posix.relative(path.posix.dirname(fromPage), to);
  const encoded = relative
    .split('/')
    .map((segment) => (segment === '..' ? segment : encodeURIComponent(segment)))
    .join('/');
  return fragment === undefined ? encoded : `${encoded}#${encodeURIComponent(fragment)}`;
}

/** A link to a fragment of the page itself. */
export function selfHref(fragment: string): string {
  return `#${encodeURIComponent(fragment)}`;
}

/** Element ids: names are restricted (image and tag grammars) but may hold `/` and `.`, which ids allow. */
export function imageAnchor(image: string): string {
  return `image-${image}`;
}

export function platformAnchor(slug: string): string {
  return `platform-${slug}`;
}

export function testsAnchor(slug: string): string {
  return `tests-${slug}`;
}
