/**
 * Crawls a static site over file:// from one page, the way a visitor would: every link must be relative, point
 * at a file that exists and, with a fragment, at an element that exists. Also collects script errors and CSP
 * violations, and any resource the page would load from elsewhere.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { fileUrl } from './chromium';
import { linkSurvey } from './page-checks';

export interface CrawlResult {
  /** Every HTML page reached, as absolute paths, sorted. */
  pages: string[];
  /** Everything wrong, each naming the page. */
  problems: string[];
  /** Links followed, in total. */
  links: number;
}

export async function crawlSite(browser: Browser, start: string): Promise<CrawlResult> {
  const page = await browser.newPage();
  const problems: string[] = [];
  let current = '';
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`${current}: console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`${current}: script error: ${error.message}`));
  const ids = new Map<string, Set<string>>();
  const fragments: Array<{ from: string; file: string; id: string }> = [];
  const queue = [start];
  const seen = new Set(queue);
  let links = 0;
  while (queue.length > 0) {
    current = queue.shift()!;
    await page.goto(fileUrl(current));
    const found = await linkSurvey(page);
    ids.set(current, new Set(found.ids));
    if (new Set(found.ids).size !== found.ids.length) problems.push(`${current}: duplicate element ids`);
    for (const html of found.external) problems.push(`${current}: loads a resource: ${html}`);
    for (const link of found.links) {
      links++;
      if (/^[a-z][a-z0-9+.-]*:/i.test(link.raw) || link.raw.startsWith('/')) {
        problems.push(`${current}: link is not relative: ${link.raw}`);
        continue;
      }
      const url = new URL(link.resolved);
      const hash = url.hash ? decodeURIComponent(url.hash.slice(1)) : null;
      url.hash = '';
      const file = fileURLToPath(url);
      if (!existsSync(file)) {
        problems.push(`${current}: broken link ${link.raw} (${file} does not exist)`);
        continue;
      }
      if (hash !== null) fragments.push({ from: current, file, id: hash });
      if (file.endsWith('.html') && !seen.has(file)) {
        seen.add(file);
        queue.push(file);
      }
    }
  }
  await page.close();
  for (const fragment of fragments) {
    const known = ids.get(fragment.file);
    if (!known) problems.push(`${fragment.from}: fragment #${fragment.id} points into a non-page ${fragment.file}`);
    else if (!known.has(fragment.id)) problems.push(`${fragment.from}: no element #${fragment.id} in ${fragment.file}`);
  }
  return { pages: [...seen].sort(), problems, links };
}
