import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { checkDistFreshness, ensureDist } from '../../../src/core/build-run/dist-freshness';
import { loadCatalog } from '../../../src/core/generate/load-catalog';
import { writeDist } from '../../../src/core/generate/write-dist';
import { UsageError } from '../../../src/core/shared/errors';
import { MemoryLogger, silentLogger } from '../../../src/core/shared/logger';
import { copyExampleCatalog, makeProject, writeFiles } from '../../support/project-fixture';
import { PLANNING_IMAGES } from './catalog-fixture';

const load = (root: string, snapshotId?: string) => loadCatalog({ root, env: {}, logger: silentLogger, snapshotId });
const ensure = async (root: string, snapshotId?: string) => {
  const logger = new MemoryLogger();
  const state = await ensureDist(await load(root, snapshotId), path.join(root, 'dist'), {
    logger,
    displayName: 'dist',
  });
  return { state, logger };
};

describe('dist/ as build finds it', () => {
  it('generates a missing dist/ first and says so', async () => {
    const root = makeProject(PLANNING_IMAGES);
    const { state, logger } = await ensure(root);
    expect(state).toBe('generated');
    expect(logger.messages('info')).toEqual([
      'dist/ has not been generated yet: running `image-manager generate` first',
    ]);
    expect(existsSync(path.join(root, 'dist/app/2.0.0-extra/Dockerfile'))).toBe(true);
  });

  it('accepts what generate wrote, rootfs COPY injection included (the example catalog)', async () => {
    const root = copyExampleCatalog();
    const catalog = await load(root);
    await writeDist(catalog, { logger: silentLogger });
    expect(await checkDistFreshness(catalog, path.join(root, 'out'))).toEqual({ state: 'fresh' });
  });

  it.each([
    [
      'a template changed',
      'images/app/Dockerfile.mustache',
      'FROM {{#image}}base:2.0{{/image}}\n',
      ['app/2.0.0/Dockerfile', 'app/2.1.0/Dockerfile'],
    ],
    [
      'rootfs content appeared (the COPY is now injected)',
      'images/tools/rootfs/etc/tools',
      'x\n',
      ['tools/0.1.0/Dockerfile'],
    ],
    [
      'a tag was added',
      'images/base/image.yml',
      "name: base\nis_base_image: true\ntags:\n  - name: '1.0'\n  - name: '2.0'\n  - name: '3.0'\n",
      ['catalog.json', 'base/3.0/Dockerfile'],
    ],
  ])('refuses a stale dist/ (%s) without touching it, exit code 2', async (_what, file, content, differing) => {
    const root = makeProject(PLANNING_IMAGES);
    await ensure(root);
    const record = path.join(root, 'dist/base/1.0/linux-amd64/build.json');
    mkdirSync(path.dirname(record), { recursive: true });
    writeFileSync(record, '{}\n');
    writeFiles(root, { [file]: content });

    const error = await ensure(root).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(2);
    const message = (error as Error).message;
    expect(message).toMatch(/^dist\/ is out of date: run image-manager generate \(differs from the catalog: /);
    for (const differs of differing) expect(message).toContain(`dist/${differs}`);
    // Other platforms' records survive: nothing was regenerated.
    expect(readFileSync(record, 'utf8')).toBe('{}\n');
  });

  it('names a snapshot id mismatch and the command that fixes it', async () => {
    const root = makeProject(PLANNING_IMAGES);
    await ensure(root);
    await expect(ensure(root, 'mr-7')).rejects.toThrow(
      /out of date: run image-manager generate --snapshot-id mr-7 .*it was generated without --snapshot-id, this build runs with --snapshot-id mr-7/,
    );
  });
});
