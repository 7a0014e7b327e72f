/**
 * writeReport on the example catalog: golden pages (regenerate with `UPDATE_GOLDEN=1 npx jest __tests__/core/report`),
 * byte-identical output across runs and folders, stale pages removed, and nothing removed that is not ours.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { renderSummaryMarkdown, writeReport } from '../../../src/core/report';
import { removeTemporaryDists } from './dist-builder';
import { makeExampleDist } from './example-dist';

afterAll(removeTemporaryDists);

const GOLDEN = path.join(__dirname, 'golden', 'example');
/** Pages checked byte for byte: one of each kind. The others are covered by determinism and the browser tests. */
const GOLDEN_PAGES = ['index.html', 'lua/index.html', 'lua/5.4.4/index.html', 'luacheck/1.1.0/linux-amd64/sbom.html'];

function checkGolden(name: string, actual: string): void {
  const file = path.join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, actual);
  }
  if (!existsSync(file)) throw new Error(`${file} is missing: run UPDATE_GOLDEN=1 npx jest ${__dirname}`);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

function relativePages(distDir: string, pages: string[]): string[] {
  return pages.map((page) => path.relative(distDir, page).split(path.sep).join('/'));
}

function readTree(dir: string, prefix = ''): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) Object.assign(files, readTree(path.join(dir, entry.name), rel));
    else files[rel] = readFileSync(path.join(dir, entry.name), 'utf8');
  }
  return files;
}

describe('writeReport on the example catalog', () => {
  let distDir: string;
  let pages: string[];

  beforeAll(async () => {
    distDir = makeExampleDist();
    pages = relativePages(distDir, (await writeReport(distDir)).pages);
  });

  it('writes the catalog, one page per image and tag, and an SBOM page per platform with an SBOM', () => {
    checkGolden('pages.txt', `${pages.join('\n')}\n`);
    expect(pages).toContain('index.html');
    expect(pages).toContain('lua/5.4.4-dev/index.html');
    expect(pages).toContain('lua/5.4.4/linux-arm64/sbom.html');
    expect(pages).not.toContain('lua/5.1.5/linux-arm64/sbom.html');
  });

  it.each(GOLDEN_PAGES)('%s matches its golden file', (page) => {
    checkGolden(page, readFileSync(path.join(distDir, page), 'utf8'));
  });

  it('renders the markdown summary', async () => {
    checkGolden('summary.md', await renderSummaryMarkdown(distDir));
  });

  it('is byte-identical in another folder and on a second run, and leaves unchanged pages untouched', async () => {
    const other = makeExampleDist();
    await writeReport(other);
    expect(readTree(other)).toEqual(readTree(distDir));
    const index = path.join(other, 'index.html');
    const before = statSync(index).mtimeMs;
    await new Promise((resolve) => setTimeout(resolve, 20));
    await writeReport(other);
    expect(statSync(index).mtimeMs).toBe(before);
    expect(readTree(other)).toEqual(readTree(distDir));
  });

  it('shows generatedAt only when it is passed', async () => {
    const other = makeExampleDist();
    await writeReport(other, { generatedAt: '2026-11-27T08:30:00Z' });
    const html = readFileSync(path.join(other, 'lua', 'index.html'), 'utf8');
    expect(html).toContain('<time datetime="2026-11-27T08:30:00Z">2026-11-27T08:30:00Z</time>');
    expect(readFileSync(path.join(distDir, 'lua', 'index.html'), 'utf8')).not.toContain('<time');
  });
});

describe('writeReport removes stale pages', () => {
  it('deletes pages of images, tags and SBOMs that are gone, and only files it wrote', async () => {
    const distDir = makeExampleDist();
    await writeReport(distDir);
    // Pages of an image and tag that no longer exist (left by an earlier run).
    const stale = readFileSync(path.join(distDir, 'lua', '5.4.4', 'index.html'));
    for (const dir of ['old-image/1.0', 'lua/4.0', 'lua/5.4.4/linux-s390x'])
      mkdirSync(path.join(distDir, dir), { recursive: true });
    writeFileSync(path.join(distDir, 'old-image', 'index.html'), stale);
    writeFileSync(path.join(distDir, 'old-image', '1.0', 'index.html'), stale);
    writeFileSync(path.join(distDir, 'lua', '4.0', 'index.html'), stale);
    writeFileSync(path.join(distDir, 'lua', '5.4.4', 'linux-s390x', 'sbom.html'), stale);
    // Files that are not ours: an image's own web page in rootfs/, a hand-written page, another file.
    const rootfsPage = path.join(distDir, 'lua', '5.4.4', 'rootfs', 'var', 'www', 'index.html');
    mkdirSync(path.dirname(rootfsPage), { recursive: true });
    writeFileSync(rootfsPage, stale);
    writeFileSync(path.join(distDir, 'lua', '4.0', 'notes.txt'), 'kept');
    const handWritten = path.join(distDir, 'docs', 'index.html');
    mkdirSync(path.dirname(handWritten), { recursive: true });
    writeFileSync(handWritten, '<!doctype html><title>mine</title>');
    const emptyDir = path.join(distDir, 'empty-before');
    mkdirSync(emptyDir);
    // An SBOM that disappeared since the last run.
    rmSync(path.join(distDir, 'lua', '5.4.4', 'linux-arm64', 'sbom-summary.json'));

    const result = await writeReport(distDir);

    expect(relativePages(distDir, result.removed)).toEqual([
      'lua/4.0/index.html',
      'lua/5.4.4/linux-arm64/sbom.html',
      'lua/5.4.4/linux-s390x/sbom.html',
      'old-image/1.0/index.html',
      'old-image/index.html',
    ]);
    expect(existsSync(path.join(distDir, 'old-image'))).toBe(false);
    expect(existsSync(path.join(distDir, 'lua', '5.4.4', 'linux-s390x'))).toBe(false);
    expect(readFileSync(path.join(distDir, 'lua', '4.0', 'notes.txt'), 'utf8')).toBe('kept');
    expect(existsSync(rootfsPage)).toBe(true);
    expect(existsSync(handWritten)).toBe(true);
    expect(existsSync(emptyDir)).toBe(true);
    expect(existsSync(path.join(distDir, 'lua', '5.4.4', 'linux-arm64', 'build.json'))).toBe(true);
    expect(readFileSync(path.join(distDir, 'lua', '5.4.4', 'index.html'), 'utf8')).toContain(
      'linux/arm64: <span class="note">no SBOM yet</span>',
    );
  });
});
