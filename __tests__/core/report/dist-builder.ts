/**
 * Hand-made dist/ folders for tests: catalog.json as `generate` writes it, any files, and records. Every folder is
 * made under one temporary root per test file, removed by `removeTemporaryDists()` in afterAll.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { CatalogImageSummary, CatalogSummary, CatalogTagSummary } from '../../../src/core/model/catalog-summary';
import { type PlatformRecordSet, writeRecords } from './record-builders';

/** catalog.json: the contract plus `registry` and `snapshotId` (and `platforms`, which the report reads if present). */
export type CatalogJson = CatalogSummary & { registry: string | null; snapshotId: string | null; platforms?: string[] };

const roots: string[] = [];

/** A new, empty `dist` path inside a fresh temporary folder. */
export function temporaryDist(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'image-manager-report-'));
  roots.push(root);
  return path.join(root, 'dist');
}

export function removeTemporaryDists(): void {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
}

/** A dist/ for a hand-made catalog: catalog.json, the given files (path → content) and records. */
export function makeDist(
  catalog: CatalogJson,
  files: Record<string, string> = {},
  records: PlatformRecordSet[] = [],
): string {
  const distDir = temporaryDist();
  mkdirSync(distDir, { recursive: true });
  writeFileSync(path.join(distDir, 'catalog.json'), `${JSON.stringify(catalog, null, 2)}\n`);
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(distDir, file)), { recursive: true });
    writeFileSync(path.join(distDir, file), content);
  }
  writeRecords(distDir, records);
  return distDir;
}

/** One image summary with sensible defaults. */
export function imageSummary(
  name: string,
  tags: Array<Partial<CatalogTagSummary> & { name: string }>,
  extra: Partial<CatalogImageSummary> = {},
): CatalogImageSummary {
  return {
    name,
    isBaseImage: false,
    dependsOn: [],
    aliases: {},
    ...extra,
    tags: tags.map((tag) => ({
      variant: null,
      versions: {},
      variables: {},
      baseTag: null,
      dockerfile: `dist/${name}/${tag.name}/Dockerfile`,
      ...tag,
    })),
  };
}
