import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { OperationError, UsageError } from '../../../src/core/shared/errors';
import { loadReportData } from '../../../src/core/report/load-report-data';
import { type CatalogJson, imageSummary, makeDist, removeTemporaryDists } from './dist-builder';
import { exampleRecords, makeExampleDist } from './example-dist';
import { buildRecord, testReport } from './record-builders';

afterAll(removeTemporaryDists);

const catalog = (extra: Partial<CatalogJson> = {}): CatalogJson => ({
  registry: '127.0.0.1:5050',
  snapshotId: null,
  order: ['app'],
  images: [imageSummary('app', [{ name: '1.0' }])],
  ...extra,
});

describe('loadReportData', () => {
  it('reads the example: platforms actually built come from build.json, the rest are not built', async () => {
    const data = await loadReportData(makeExampleDist());
    const lua = data.images.find((i) => i.name === 'lua')!;
    const dev = lua.tags.find((t) => t.name === '5.1.5-dev')!;
    expect(dev.platforms.map((p) => [p.platform, p.build !== null])).toEqual([
      ['linux/amd64', true],
      ['linux/arm64', false],
    ]);
    expect(lua.tags.find((t) => t.name === '5.4.4')!.aliases).toEqual(['5', '5.4', 'latest']);
    expect(lua.dependents).toEqual(['luacheck']);
    const recorded = exampleRecords().filter((r) => r.build).length;
    expect(data.images.flatMap((i) => i.tags.flatMap((t) => t.platforms)).filter((p) => p.build)).toHaveLength(
      recorded,
    );
  });

  it('fails with a usage error naming catalog.json when generate has not run', async () => {
    const dist = makeDist(catalog());
    rmSync(path.join(dist, 'catalog.json'));
    const error = await loadReportData(dist).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toContain(path.join(dist, 'catalog.json'));
    expect((error as Error).message).toContain('image-manager generate');
  });

  it('reports every malformed field of catalog.json at once', async () => {
    const dist = makeDist(catalog());
    writeFileSync(
      path.join(dist, 'catalog.json'),
      JSON.stringify({ order: [], images: [{ name: 3, isBaseImage: 'yes', dependsOn: [], aliases: {}, tags: [] }] }),
    );
    const error = (await loadReportData(dist).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(OperationError);
    expect(error.message).toContain('`images[0].name` should be a string, got a number');
    expect(error.message).toContain('`images[0].isBaseImage` should be true or false, got a string');
  });

  it('names the file and field of every unreadable record, and does not echo values', async () => {
    const dist = makeDist(catalog());
    const dir = path.join(dist, 'app', '1.0', 'linux-amd64');
    mkdirSync(dir, { recursive: true });
    const broken: Record<string, unknown> = { ...buildRecord('app', '1.0', 'linux/amd64', 'scratch', 1) };
    delete broken.digest;
    broken.durationMs = 'secret-value';
    writeFileSync(path.join(dir, 'build.json'), JSON.stringify(broken));
    writeFileSync(path.join(dir, 'test-report.json'), '{ truncated');
    const error = (await loadReportData(dist).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(OperationError);
    expect(error.message).toContain(`${path.join(dir, 'build.json')}: \`digest\` should be a string, it is missing`);
    expect(error.message).toContain(`${path.join(dir, 'build.json')}: \`durationMs\` should be a number, got a string`);
    expect(error.message).toContain(`${path.join(dir, 'test-report.json')}: not valid JSON`);
    expect(error.message).not.toContain('secret-value');
  });

  it('rejects a record filed under another platform’s folder', async () => {
    const dist = makeDist(catalog(), {}, [{ build: buildRecord('app', '1.0', 'linux/amd64', 'scratch', 1) }]);
    const amd = path.join(dist, 'app', '1.0', 'linux-amd64');
    const arm = path.join(dist, 'app', '1.0', 'linux-arm64');
    mkdirSync(arm);
    writeFileSync(path.join(arm, 'build.json'), JSON.stringify(buildRecord('app', '1.0', 'linux/amd64', 'x', 1)));
    const error = (await loadReportData(dist).catch((e: unknown) => e)) as Error;
    expect(error.message).toContain(`${arm}: a record says platform \`linux/amd64\`, which belongs in linux-amd64/`);
    expect(error.message).not.toContain(`${amd}:`);
  });

  it.each<[string, Partial<CatalogJson>, string[] | undefined, string[]]>([
    ['default platforms', {}, undefined, ['linux/amd64', 'linux/arm64']],
    ['platforms from catalog.json', { platforms: ['linux/arm64'] }, undefined, ['linux/arm64']],
    ['the option wins', { platforms: ['linux/arm64'] }, ['linux/s390x', 'linux/amd64'], ['linux/amd64', 'linux/s390x']],
  ])('%s', async (_name, extra, option, expected) => {
    const data = await loadReportData(makeDist(catalog(extra)), option ? { platforms: option } : {});
    expect(data.platforms).toEqual(expected);
    expect(data.images[0].tags[0].platforms.map((p) => p.platform)).toEqual(expected);
  });

  it('adds a platform that is not expected but has records, and ignores records of unknown tags', async () => {
    const dist = makeDist(catalog({ platforms: ['linux/amd64'] }), {}, [
      { build: buildRecord('app', '1.0', 'linux/riscv64', 'scratch', 1) },
      { test: testReport('app', '0.9', 'linux/amd64', [['commandTests', 'gone']]) },
    ]);
    const data = await loadReportData(dist);
    expect(data.images[0].tags.map((t) => t.name)).toEqual(['1.0']);
    expect(data.images[0].tags[0].platforms.map((p) => [p.platform, p.build?.platform ?? null])).toEqual([
      ['linux/amd64', null],
      ['linux/riscv64', 'linux/riscv64'],
    ]);
  });

  it('links an SBOM document only when it is a plain file name that exists', async () => {
    const dist = makeExampleDist();
    const data = await loadReportData(dist);
    const base = data.images[0].tags[0].platforms[0];
    expect(base.files).toEqual({ junit: true, sbomDocument: 'sbom.cyclonedx.json' });
    const summary = path.join(dist, 'base', '2026.11', 'linux-amd64', 'sbom-summary.json');
    writeFileSync(summary, JSON.stringify({ ...base.sbom, file: '../../../catalog.json' }));
    const again = await loadReportData(dist);
    expect(again.images[0].tags[0].platforms[0].files.sbomDocument).toBeNull();
  });

  it('shows generatedAt only when asked', async () => {
    const dist = makeDist(catalog());
    expect((await loadReportData(dist)).generatedAt).toBeNull();
    const at = new Date(Date.UTC(2026, 10, 27, 8, 30));
    expect((await loadReportData(dist, { generatedAt: at })).generatedAt).toBe('2026-11-27T08:30:00.000Z');
  });
});
