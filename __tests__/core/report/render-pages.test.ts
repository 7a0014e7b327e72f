/** What the pages say for catalogs the example does not cover: read from a hand-made dist/, rendered in memory. */
import { loadReportData, renderReportPages, summaryMarkdown } from '../../../src/core/report';
import { type CatalogJson, imageSummary, makeDist, removeTemporaryDists } from './dist-builder';
import { buildRecord, sbomRecord, testReport } from './record-builders';

afterAll(removeTemporaryDists);

async function render(
  catalog: CatalogJson,
  files: Record<string, string> = {},
  records: Parameters<typeof makeDist>[2] = [],
) {
  const data = await loadReportData(makeDist(catalog, files, records));
  return { data, pages: Object.fromEntries(renderReportPages(data).map((p) => [p.path, p.html])) };
}

/** The text of the first table after a marker, rows of cells, tags stripped. */
function tableAfter(html: string, marker: string): string[][] {
  const table = html.slice(html.indexOf(marker)).match(/<table[\s\S]*?<\/table>/)![0];
  return [...table.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => cell[1].replace(/<[^>]+>/g, '')),
  );
}

const diamond: CatalogJson = {
  registry: 'ghcr.io/acme',
  snapshotId: 'mr-7',
  order: ['os', 'python', 'node', 'fullstack'],
  images: [
    imageSummary('os', [{ name: '24.04' }], { isBaseImage: true }),
    imageSummary(
      'python',
      [
        { name: '3.12.1', versions: { python: '3.12.1', pip: '24.0' } },
        { name: '3.13.0', versions: { python: '3.13.0', uv: '0.5' } },
        { name: '3.13.0-slim', variant: 'slim', baseTag: '3.13.0', versions: { python: '3.13.0' } },
      ],
      { dependsOn: ['os'], aliases: { '3': '3.13.0', slim: '3.13.0-slim' } },
    ),
    imageSummary('node', [{ name: '22.1.0' }], { dependsOn: ['os'] }),
    imageSummary('fullstack', [{ name: '1.0' }], { dependsOn: ['node', 'python'] }),
    imageSummary('empty', []),
  ],
};

describe('rendered pages', () => {
  it('lists the union of version keys with – where a tag lacks one', async () => {
    const { pages } = await render(diamond);
    expect(tableAfter(pages['python/index.html'], '<h2>Versions</h2>')).toEqual([
      ['Tag', 'python', 'pip', 'uv'],
      ['3.12.1', '3.12.1', '24.0', '–'],
      ['3.13.0', '3.13.0', '–', '0.5'],
      ['3.13.0-slim', '3.13.0', '–', '–'],
    ]);
  });

  it('shows an image with several parents under each, its subtree once', async () => {
    const { pages } = await render(diamond);
    const tree = pages['index.html']
      .match(/<ul class="tree">.*<\/ul>/)![0]
      .replace(/<span class="badge">[^<]*<\/span>/g, '');
    expect(
      tree
        .replace(/<a href="#image-([^"]+)">\1<\/a>/g, '$1')
        .replace(/ ?<span class="note">\(shown above\)<\/span>/g, '*'),
    ).toBe(
      '<ul class="tree"><li>os <ul><li>python<ul><li>fullstack</li></ul></li><li>node<ul><li>fullstack*</li></ul></li></ul></li><li>empty</li></ul>',
    );
  });

  it('names the snapshot and pulls by snapshot-suffixed references', async () => {
    const { pages } = await render(diamond);
    expect(pages['index.html']).toContain('<span class="status status-none">snapshot mr-7</span>');
    expect(pages['python/3.13.0/index.html']).toContain('>ghcr.io/acme/python:3.13.0-mr-7</code>');
    expect(tableAfter(pages['python/index.html'], '<h2>Aliases</h2>')).toEqual([
      ['Alias', 'Points at', 'Pull'],
      ['3', '3.13.0', 'ghcr.io/acme/python:3-mr-7Copy'],
      ['slim', '3.13.0-slim', 'ghcr.io/acme/python:slim-mr-7Copy'],
    ]);
    expect(pages['python/3.13.0-slim/index.html']).toContain(
      '<dt>Variant</dt><dd>slim, built from <a href="../3.13.0/index.html">3.13.0</a></dd>',
    );
  });

  it('says what is missing instead of showing empty sections', async () => {
    const { pages } = await render({ ...diamond, registry: null });
    expect(pages['empty/index.html']).toContain('<p class="note">No tags.</p>');
    expect(pages['empty/index.html']).toContain('No aliases: each tag is pulled by its own name.');
    expect(pages['index.html']).toContain('No registry configured');
    const tag = pages['os/24.04/index.html'];
    expect(tag).not.toContain('<dt>Pull</dt>');
    expect(tag).toContain('The generated Dockerfile is missing: run <code>image-manager generate</code>.');
    expect(tag).toContain('This tag has no test configuration.');
    expect(tag).toContain('No build record: this platform has not been built yet.');
  });

  it('shows each test with its result and what differed, and the Dockerfile escaped', async () => {
    const { pages } = await render(
      { registry: 'r', snapshotId: null, order: ['app'], images: [imageSummary('app', [{ name: '1' }])] },
      { 'app/1/Dockerfile': 'FROM scratch\nRUN echo "<ok>" && true\n', 'app/1/test.yml': 'schemaVersion: 2.0.0\n' },
      [
        {
          build: buildRecord('app', '1', 'linux/amd64', 'scratch', 2048),
          test: testReport('app', '1', 'linux/amd64', [
            ['commandTests', 'says hi'],
            ['commandTests', 'says bye', { status: 'failed', message: 'expected "bye"\ngot "hi"' }],
            ['fileExistenceTests', 'has /bin', { status: 'not-run', message: 'no runtime' }],
          ]),
        },
      ],
    );
    const tag = pages['app/1/index.html'];
    expect(tag).toContain('<pre><code>FROM scratch\nRUN echo &quot;&lt;ok&gt;&quot; &amp;&amp; true\n</code></pre>');
    expect(tableAfter(tag, 'id="tests-linux-amd64"')).toEqual([
      ['Test', 'Kind', 'Result', 'Time'],
      ['says hi', 'commandTests', 'passed', '120 ms'],
      ['says bye', 'commandTests', 'failedexpected &quot;bye&quot;\ngot &quot;hi&quot;', '155 ms'],
      ['has /bin', 'fileExistenceTests', 'not runno runtime', '190 ms'],
    ]);
    expect(tag).toContain('Tests on linux/amd64 <span class="status status-bad">1 failed, 1 passed, 1 not run</span>');
    expect(tag).toContain('Tests on linux/arm64 <span class="status status-none">not run</span>');
    expect(tag).toContain('2.0 KiB <span class="note">(2048 bytes compressed)</span>');
  });

  it('says when a platform image was not rebuilt but reused, instead of a build time', async () => {
    const catalog = { registry: 'r', snapshotId: null, order: ['app'], images: [imageSummary('app', [{ name: '1' }])] };
    const reused = { ...buildRecord('app', '1', 'linux/amd64', 'scratch', 10), reusedFrom: 'r/app:1-linux-amd64' };
    const { pages, data } = await render(catalog, { 'app/1/Dockerfile': 'FROM scratch\n' }, [
      { build: reused },
      { build: buildRecord('app', '1', 'linux/arm64', 'scratch', 10) },
    ]);
    const tag = pages['app/1/index.html'];
    expect(tag).toContain('not rebuilt: its inputs were unchanged, reused <code>r/app:1-linux-amd64</code>');
    expect(tag.match(/<dt>Build time<\/dt>/g)).toHaveLength(1);
    expect(summaryMarkdown(data)).toContain('✅ amd64 10 B (unchanged, reused)<br>✅ arm64 10 B |');
  });
});

describe('summaryMarkdown', () => {
  it('keeps one cell per column whatever the values hold', async () => {
    const { data } = await render(
      {
        registry: 'r',
        snapshotId: null,
        order: ['app'],
        images: [imageSummary('app', [{ name: '1' }], { aliases: { 'a|b': '1', '<i>x</i>': '1' } })],
      },
      {},
      [
        {
          build: buildRecord('app', '1', 'linux/amd64', 'scratch', 10),
          sbom: sbomRecord('app', '1', 'linux/amd64', []),
        },
      ],
    );
    const markdown = summaryMarkdown(data);
    const row = markdown.split('\n')[2];
    expect(row.split(/(?<!\\)\|/).slice(1, -1)).toHaveLength(7);
    expect(row).toContain('\\<i\\>x\\</i\\>, a\\|b');
    expect(row).toContain('✅ amd64 10 B<br>⬜ arm64 not built');
    expect(row).toContain('| no tests | amd64 10 |');
  });

  it('says so when the catalog is empty', () => {
    expect(summaryMarkdown({ registry: null, snapshotId: null, platforms: [], images: [], generatedAt: null })).toBe(
      'No images in the catalog.\n',
    );
  });
});
