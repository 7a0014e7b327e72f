/**
 * `build` works from dist/ as `generate` wrote it. When dist/ is missing it is generated first; when it no longer
 * matches the catalog the build stops (exit 2) instead of regenerating: regenerating replaces dist/ wholesale and
 * would wipe the build records other platforms' jobs left there in CI. "Matches" means catalog.json and every tag's
 * Dockerfile and test.yml are byte-identical to what `generate` would write now.
 */
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Catalog } from '../generate/catalog';
import { summariseCatalog } from '../generate/catalog-summary';
import { CATALOG_FILE, writeDist } from '../generate/write-dist';
import { UsageError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import { finalDockerfile } from './final-dockerfile';

export type DistState = { state: 'missing' } | { state: 'fresh' } | { state: 'stale'; differences: string[] };

/** Compares dist/ with what the catalog would generate; `differences` lists the files that differ (dist-relative). */
export async function checkDistFreshness(catalog: Catalog, distDir: string): Promise<DistState> {
  const catalogFile = path.join(distDir, CATALOG_FILE);
  if (!existsSync(catalogFile)) return { state: 'missing' };
  const differences: string[] = [];
  const expectedSummary = `${JSON.stringify(summariseCatalog(catalog), null, 2)}\n`;
  if ((await readOrUndefined(catalogFile)) !== expectedSummary) differences.push(CATALOG_FILE);
  for (const image of catalog.images) {
    for (const tag of image.tags) {
      const dir = `${image.name}/${tag.resolved.name}`;
      if ((await readOrUndefined(path.join(distDir, dir, 'Dockerfile'))) !== (await finalDockerfile(tag))) {
        differences.push(`${dir}/Dockerfile`);
      }
      const testFile = await readOrUndefined(path.join(distDir, dir, 'test.yml'));
      if (testFile !== (tag.testConfig ?? undefined)) differences.push(`${dir}/test.yml`);
    }
  }
  return differences.length === 0 ? { state: 'fresh' } : { state: 'stale', differences };
}

export interface EnsureDistOptions {
  logger: Logger;
  /** File times for a generated rootfs/ (SOURCE_DATE_EPOCH), as `generate` uses them. */
  sourceDateEpoch?: number;
  /** How dist/ is named in messages (the configured `dist_dir`). */
  displayName: string;
}

/** Generates a missing dist/, accepts a fresh one and refuses a stale one with a UsageError saying what to run. */
export async function ensureDist(
  catalog: Catalog,
  distDir: string,
  options: EnsureDistOptions,
): Promise<'generated' | 'fresh'> {
  const state = await checkDistFreshness(catalog, distDir);
  if (state.state === 'fresh') return 'fresh';
  const generate = `image-manager generate${catalog.snapshotId ? ` --snapshot-id ${catalog.snapshotId}` : ''}`;
  if (state.state === 'missing') {
    options.logger.info(`${options.displayName}/ has not been generated yet: running \`${generate}\` first`);
    await writeDist(catalog, { logger: options.logger, sourceDateEpoch: options.sourceDateEpoch });
    return 'generated';
  }
  const shown = state.differences.slice(0, 8).map((file) => `${options.displayName}/${file}`);
  const more = state.differences.length > shown.length ? ` and ${state.differences.length - shown.length} more` : '';
  const snapshotHint = await snapshotMismatch(distDir, catalog.snapshotId);
  throw new UsageError(
    `${options.displayName}/ is out of date: run ${generate} ` +
      `(differs from the catalog: ${shown.join(', ')}${more})${snapshotHint}. ` +
      `build never regenerates a stale ${options.displayName}/ itself: that would delete the build records of other platforms.`,
  );
}

async function snapshotMismatch(distDir: string, snapshotId: string | undefined): Promise<string> {
  try {
    const written = JSON.parse(await fs.readFile(path.join(distDir, CATALOG_FILE), 'utf8')) as { snapshotId?: unknown };
    const was = typeof written.snapshotId === 'string' ? written.snapshotId : null;
    if (was === (snapshotId ?? null)) return '';
    return `; it was generated ${was ? `with --snapshot-id ${was}` : 'without --snapshot-id'}, this build runs ${
      snapshotId ? `with --snapshot-id ${snapshotId}` : 'without one'
    }`;
  } catch {
    return '';
  }
}

async function readOrUndefined(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
