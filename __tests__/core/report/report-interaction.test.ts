/**
 * What visitors do with the pages in Chromium: filter the catalog and an SBOM as they type, copy a digest (with
 * the Clipboard API and with the text-selection fallback), and see hostile values as text, never as markup.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { writeReport } from '../../../src/core/report';
import { fileUrl, launchChromium } from './chromium';
import { crawlSite } from './crawl';
import { imageSummary, makeDist, removeTemporaryDists, temporaryDist } from './dist-builder';
import { makeExampleDist } from './example-dist';
import { buildRecord, sbomRecord, testReport } from './record-builders';

const LUA_ARM64_DIGEST = buildRecord('lua', '5.4.4', 'linux/arm64', '', 0).digest;

let browser: Browser;
let distDir: string;

beforeAll(async () => {
  browser = await launchChromium();
  distDir = makeExampleDist();
  await writeReport(distDir);
});

afterAll(async () => {
  await browser?.close();
  removeTemporaryDists();
});

async function open(relative: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(fileUrl(path.join(distDir, relative)));
  return page;
}

/** Ids of the visible image sections and names of the visible tag rows. */
async function visibleCatalog(page: Page): Promise<{ images: string[]; tags: string[] }> {
  return {
    images: await page.locator('section.image:visible').evaluateAll((s) => s.map((e) => e.id)),
    tags: await page.locator('section.image:visible table:first-of-type tbody tr:visible th a').allInnerTexts(),
  };
}

describe('the catalog filter', () => {
  let page: Page;
  beforeAll(async () => {
    page = await open('index.html');
  });
  afterAll(() => page.close());

  it.each<[string, string[], string[], string]>([
    [
      '',
      ['image-base', 'image-lua', 'image-luacheck'],
      ['2026.11', '5.1.5', '5.1.5-dev', '5.4.4', '5.4.4-dev', '1.1.0'],
      '3 images',
    ],
    ['luacheck', ['image-luacheck'], ['1.1.0'], 'Showing 1 of 3 images'],
    ['latest-dev', ['image-lua'], ['5.4.4-dev'], 'Showing 1 of 3 images'],
    // Every word must match: lua's own text lacks "5.1" (two tags match), luacheck's description has both.
    ['LUA 5.1', ['image-lua', 'image-luacheck'], ['5.1.5', '5.1.5-dev', '1.1.0'], 'Showing 2 of 3 images'],
    [LUA_ARM64_DIGEST.slice(0, 19), ['image-lua'], ['5.4.4'], 'Showing 1 of 3 images'],
    ['bookworm', ['image-base'], ['2026.11'], 'Showing 1 of 3 images'],
    ['no-such-image', [], [], 'Showing 0 of 3 images'],
  ])('%j shows %j', async (query, images, tags, status) => {
    await page.getByLabel('Filter images and tags').fill(query);
    expect(await visibleCatalog(page)).toEqual({ images, tags });
    await expect(page.locator('#filter-status').innerText()).resolves.toBe(status);
    expect(await page.locator('[data-filter-empty]').isVisible()).toBe(images.length === 0);
  });

  it('shows everything again when the box is cleared', async () => {
    const box = page.getByLabel('Filter images and tags');
    await box.clear();
    await box.pressSequentially('5.4-dev');
    expect((await visibleCatalog(page)).tags).toEqual(['5.4.4-dev']);
    await box.fill('');
    expect((await visibleCatalog(page)).tags).toHaveLength(6);
    expect(await page.locator('[data-filter-item]:not(:visible)').count()).toBe(0);
  });
});

describe('the SBOM filter', () => {
  let page: Page;
  beforeAll(async () => {
    page = await open('lua/5.4.4/linux-amd64/sbom.html');
  });
  afterAll(() => page.close());

  it.each<[string, string[]]>([
    [
      '',
      [
        'base-files',
        'bash',
        'ca-certificates',
        'coreutils',
        'dpkg',
        'libc6',
        'liblua5.4-0',
        'libssl3',
        'lua5.4',
        'openssl',
        'tzdata',
        'zlib1g',
      ],
    ],
    ['apache', ['libssl3', 'openssl']],
    ['lua', ['liblua5.4-0', 'lua5.4']],
    ['pkg:deb/debian/bash@', ['bash']],
    ['gpl-3.0 core', ['coreutils']],
    ['nothing-like-this', []],
  ])('%j shows %j', async (query, names) => {
    await page.getByLabel('Filter packages').fill(query);
    expect(await page.locator('tbody tr:visible th').allInnerTexts()).toEqual(names);
    const total = 12;
    await expect(page.locator('#filter-status').innerText()).resolves.toBe(
      query ? `Showing ${names.length} of ${total} packages` : `${total} packages`,
    );
    expect(await page.getByText('No package matches the filter.').isVisible()).toBe(names.length === 0);
  });
});

describe('copy buttons', () => {
  const digest = buildRecord('lua', '5.4.4', 'linux/amd64', '', 0).digest;

  it('copy a digest with the Clipboard API', async () => {
    const context = await browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const page = await context.newPage();
    await page.goto(fileUrl(path.join(distDir, 'lua', '5.4.4', 'index.html')));
    const button = page.getByRole('button', { name: 'Copy digest of lua:5.4.4 for linux/amd64' }).last();
    await button.click();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(digest);
    await expect(button.innerText()).resolves.toBe('Copied');
    await expect(page.locator('#live-status').innerText()).resolves.toBe('Copied');
    await context.close();
  });

  it('select the digest when the Clipboard API is unavailable (older browsers, some file:// setups)', async () => {
    const context = await browser.newContext();
    await context.addInitScript('Object.defineProperty(Navigator.prototype, "clipboard", { get: () => undefined })');
    const page = await context.newPage();
    await page.goto(fileUrl(path.join(distDir, 'index.html')));
    expect(await page.evaluate('navigator.clipboard')).toBeUndefined();
    const button = page.getByRole('button', { name: 'Copy digest of lua:5.4.4 for linux/amd64' });
    await button.click();
    expect(await page.evaluate('window.getSelection().toString()')).toBe(digest);
    await expect(button.innerText()).resolves.toMatch(/^(Copied|Selected: press Ctrl\+C to copy)$/);
    await context.close();
  });

  it('stay hidden without JavaScript, leaving the full digest as plain text', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(fileUrl(path.join(distDir, 'index.html')));
    expect(await page.getByRole('button').count()).toBe(0);
    await expect(page.getByText(digest).first().isVisible()).resolves.toBe(true);
    await context.close();
  });
});

describe('hostile values', () => {
  const evil = '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2">"\'&amp;';

  it('stay text on every page (no markup, no script), and links still resolve', async () => {
    const dist = makeDist(
      {
        registry: `reg.example/${evil}`,
        snapshotId: evil,
        order: ['app'],
        images: [
          imageSummary('app', [{ name: '1.0', versions: { [evil]: evil } }], {
            description: evil,
            aliases: { [evil]: '1.0' },
          }),
        ],
      },
      { 'app/1.0/Dockerfile': `FROM scratch\nLABEL x="${evil}"\n`, 'app/1.0/test.yml': 'schemaVersion: 2.0.0\n' },
      [
        {
          build: { ...buildRecord('app', '1.0', 'linux/amd64', evil, 1), builder: evil, labels: { [evil]: evil } },
          test: testReport('app', '1.0', 'linux/amd64', [[evil, evil, { status: 'failed', message: evil }]]),
          sbom: { ...sbomRecord('app', '1.0', 'linux/amd64', [[evil, evil, evil]]), scanner: evil },
        },
      ],
    );
    await writeReport(dist);
    const crawl = await crawlSite(browser, path.join(dist, 'index.html'));
    expect(crawl.problems).toEqual([]);
    expect(crawl.pages.map((p) => path.relative(dist, p))).toEqual([
      'app/1.0/index.html',
      'app/1.0/linux-amd64/sbom.html',
      'app/index.html',
      'index.html',
    ]);
    const page = await browser.newPage();
    for (const file of crawl.pages) {
      await page.goto(fileUrl(file));
      expect(await page.evaluate('window.__xss')).toBeUndefined();
      expect(await page.locator('script').count()).toBe(1);
      expect(await page.locator('img').count()).toBe(0);
      const text = await page.locator('main').innerText();
      expect(text).toContain('<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2">"\'&amp;');
    }
    await page.close();
  });
});

describe('the link crawler', () => {
  it('reports broken links, absolute links and missing fragments', async () => {
    const dir = temporaryDist();
    mkdirSync(dir);
    writeFileSync(
      path.join(dir, 'index.html'),
      '<a href="missing.html">a</a><a href="https://example.org/">b</a><a href="other.html#nope">c</a>',
    );
    writeFileSync(path.join(dir, 'other.html'), '<p id="yes">x</p>');
    const crawl = await crawlSite(browser, path.join(dir, 'index.html'));
    const index = path.join(dir, 'index.html');
    expect(crawl.problems).toEqual([
      `${index}: broken link missing.html (${path.join(dir, 'missing.html')} does not exist)`,
      `${index}: link is not relative: https://example.org/`,
      `${index}: no element #nope in ${path.join(dir, 'other.html')}`,
    ]);
  });
});
