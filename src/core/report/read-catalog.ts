/**
 * Reads `dist/catalog.json` (src/core/model/catalog-summary.ts plus `registry` and `snapshotId`). The file is
 * ours, but it may come from another runner's artifact or an older version, so its shape is checked instead of
 * trusted: a bad field is reported with its path rather than crashing a renderer halfway.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { CatalogImageSummary, CatalogSummary } from '../model/catalog-summary';
import { OperationError, UsageError } from '../shared/errors';
import { ShapeChecker } from './shape-checker';

export const CATALOG_JSON = 'catalog.json';

export interface ReportCatalog extends CatalogSummary {
  registry: string | null;
  snapshotId: string | null;
  /** Not (yet) part of the contract: used when present, see write-report.ts. */
  platforms: string[] | null;
}

export async function readCatalog(distDir: string): Promise<ReportCatalog> {
  const file = path.join(distDir, CATALOG_JSON);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new UsageError(`${file} not found: run \`image-manager generate\` first, or pass the folder it wrote.`);
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new OperationError(
      `${file} is not valid JSON (${(error as Error).message}): run \`image-manager generate\` again.`,
    );
  }
  const check = new ShapeChecker(file);
  const root = check.object(json, '');
  const catalog: ReportCatalog = {
    registry: root.registry == null ? null : check.string(root, 'registry'),
    snapshotId: root.snapshotId == null ? null : check.string(root, 'snapshotId'),
    platforms: check.optionalStringArray(root, 'platforms') ?? null,
    order: check.stringArray(root, 'order'),
    images: check.array(root, 'images').map((value, i) => readImage(check, value, `images[${i}]`)),
  };
  check.throwIfAny('run `image-manager generate` again');
  return catalog;
}

function readImage(check: ShapeChecker, value: unknown, field: string): CatalogImageSummary {
  const image = check.object(value, field);
  const description = check.optionalString(image, 'description', field);
  return {
    name: check.string(image, 'name', field),
    ...(description !== undefined ? { description } : {}),
    isBaseImage: check.boolean(image, 'isBaseImage', field),
    dependsOn: check.stringArray(image, 'dependsOn', field),
    aliases: check.stringRecord(image, 'aliases', field),
    tags: check.array(image, 'tags', field).map((tagValue, i) => {
      const at = `${field}.tags[${i}]`;
      const tag = check.object(tagValue, at);
      return {
        name: check.string(tag, 'name', at),
        variant: check.nullableString(tag, 'variant', at),
        versions: check.stringRecord(tag, 'versions', at),
        variables: check.stringRecord(tag, 'variables', at),
        baseTag: check.nullableString(tag, 'baseTag', at),
        dockerfile: check.string(tag, 'dockerfile', at),
      };
    }),
  };
}
