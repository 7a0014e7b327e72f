/**
 * The example catalog's report in headless Chromium over file://: every page reachable from index.html, every link
 * resolving, no script or CSP error, readable at 375px, accessible in light and dark schemes. With
 * UPDATE_SCREENSHOT=1 it also refreshes docs/catalog.png for the README.
 */
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { writeReport } from '../../../src/core/report';
import { fileUrl, launchChromium } from './chromium';
import { crawlSite, type CrawlResult } from './crawl';
import { removeTemporaryDists } from './dist-builder';
import { makeExampleDist } from './example-dist';
import { buildRecord } from './record-builders';
import { accessibilityProblems, contrastProblems, focusedElement, scrollsSideways } from './page-checks';

const SCREENSHOT = path.join(__dirname, '..', '..', '..', 'docs', 'catalog.png');

describe('the example report in Chromium', () => {
  let browser: Browser;
  let distDir: string;
  let written: string[];
  let crawl: CrawlResult;

  beforeAll(async () => {
    browser = await launchChromium();
    distDir = makeExampleDist();
    written = (await writeReport(distDir)).pages;
    crawl = await crawlSite(browser, path.join(distDir, 'index.html'));
  });

  afterAll(async () => {
    await browser?.close();
    removeTemporaryDists();
  });

  it('reaches every written page from index.html, and every link resolves', () => {
    expect(crawl.problems).toEqual([]);
    expect(crawl.pages).toEqual([...written].sort());
    expect(crawl.links).toBeGreaterThan(100);
  });

  it('shows what was built, with digests, test results and SBOM counts', async () => {
    const page = await browser.newPage();
    await page.goto(fileUrl(path.join(distDir, 'index.html')));
    const row = page.locator('#image-lua tbody tr', { hasText: '5.1.5-dev' }).first();
    await expect(row.locator('td[data-label="Platforms"]').innerText()).resolves.toMatch(
      new RegExp(
        `amd64 built\\s+${buildRecord('lua', '5.1.5-dev', 'linux/amd64', '', 0).digest}[\\s\\S]*arm64 not built`,
      ),
    );
    await expect(row.locator('td[data-label="Tests"]').innerText()).resolves.toMatch(
      /amd64\s+tests of lua:5.1.5-dev\s+: 2 passed\s+arm64: not run/,
    );
    const failing = page.locator('#image-lua tbody tr', { hasText: '5.4.4' }).first();
    await expect(failing.locator('td[data-label="Tests"]').innerText()).resolves.toMatch(
      /arm64\s+tests of lua:5.4.4\s+: 1 failed, 3 passed/,
    );
    await expect(page.locator('.stats').innerText()).resolves.toMatch(/8\s+of 12 platform images built/);
    await page.goto(fileUrl(path.join(distDir, 'lua', '5.4.4', 'index.html')));
    await expect(page.locator('#tests-linux-arm64 + p + table').innerText()).resolves.toContain(
      "Expected string 'Lua 5.4' not found in output 'Lua 5.3.6",
    );
    await expect(page.locator('pre code').innerText()).resolves.toContain('FROM 127.0.0.1:5050/base:2026.11');
    await page.close();
  });

  it('fits a 375px phone screen without sideways scrolling, on every page', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 800 } });
    const wide: string[] = [];
    for (const file of crawl.pages) {
      await page.goto(fileUrl(file));
      if (await scrollsSideways(page)) wide.push(path.relative(distDir, file));
    }
    await page.close();
    expect(wide).toEqual([]);
  });

  it.each(['light', 'dark'] as const)('is accessible on every page (%s scheme)', async (colorScheme) => {
    const page = await browser.newPage({ colorScheme });
    const problems: string[] = [];
    for (const file of crawl.pages) {
      await page.goto(fileUrl(file));
      expect(await page.evaluate('getComputedStyle(document.body).backgroundColor')).toBe(
        colorScheme === 'dark' ? 'rgb(13, 17, 23)' : 'rgb(255, 255, 255)',
      );
      const where = path.relative(distDir, file);
      for (const problem of [...(await accessibilityProblems(page)), ...(await contrastProblems(page))])
        problems.push(`${where}: ${problem}`);
    }
    await page.close();
    expect(problems).toEqual([]);
  });

  it('the page checks do catch problems (so their silence above means something)', async () => {
    const page = await browser.newPage();
    await page.setContent(
      '<html><head><title>x</title></head><body><main><h2>skipped h1</h2><p style="color:#aaa">faint</p>' +
        '<input id="q"><button></button><a href="x"></a><a href="/abs">abs</a></main></body></html>',
    );
    expect(await accessibilityProblems(page)).toEqual([
      '<html> has no lang="en"',
      'expected one banner (<header> in <body>)',
      'expected one contentinfo (<footer> in <body>)',
      'the first heading is h2, not h1',
      'expected exactly one h1',
      '#q has no label',
      'a button has no name',
      'a link to x has no text',
    ]);
    expect(await contrastProblems(page)).toEqual(['"faint" (P): contrast 2.32']);
    await page.setViewportSize({ width: 375, height: 600 });
    expect(await scrollsSideways(page)).toBe(false);
    await page.setContent('<div style="width:600px">wide</div>');
    expect(await scrollsSideways(page)).toBe(true);
    await page.close();
  });

  it('shows where the keyboard focus is, starting with a skip link', async () => {
    const page = await browser.newPage();
    await page.goto(fileUrl(path.join(distDir, 'lua', '5.4.4', 'index.html')));
    const focused = () => focusedElement(page);
    await page.keyboard.press('Tab');
    expect(await focused()).toMatchObject({ text: 'Skip to main content', outline: 'solid', width: '3px' });
    expect((await focused()).top).toBeGreaterThanOrEqual(0);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await focused()).toMatchObject({ text: 'Copy', outline: 'solid' });
    await page.close();
  });

  it('saves docs/catalog.png when UPDATE_SCREENSHOT=1', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 1500 } });
    await page.goto(fileUrl(path.join(distDir, 'index.html')));
    const image = await page.screenshot({
      ...(process.env.UPDATE_SCREENSHOT === '1' ? { path: SCREENSHOT } : {}),
    });
    await page.close();
    // A PNG of the requested size: the page rendered (its script unhid the filter box, so it ran too).
    expect(image.subarray(1, 4).toString()).toBe('PNG');
    expect(image.readUInt32BE(16)).toBe(1200);
    expect(image.readUInt32BE(20)).toBe(1500);
  });
});
