/**
 * Gathers what the pages show from dist/: catalog.json, the generated Dockerfile and test.yml of every tag, and
 * whatever records the build, test and sbom steps left per platform. All unreadable records are reported together.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { CatalogImageSummary, CatalogTagSummary } from '../model/catalog-summary';
import { platformSlug } from '../records/records';
import { OperationError } from '../shared/errors';
import { DEFAULT_PLATFORMS } from '../config/platform-settings';
import { readCatalog } from './read-catalog';
import { isFile, type PlatformRecords, readPlatformRecords } from './read-records';
import type { ImageReport, PlatformReport, ReportData, TagReport } from './report-model';
import { compareText } from './sort-order';

export interface ReportOptions {
  /** Shown in the footer. Without it the pages carry no time and are byte-identical across runs. */
  generatedAt?: Date | string;
  /** Platforms every tag should have; default: catalog.json's `platforms`, else linux/amd64 and linux/arm64. */
  platforms?: string[];
}

export async function loadReportData(distDir: string, options: ReportOptions = {}): Promise<ReportData> {
  const catalog = await readCatalog(distDir);
  const platforms = [...new Set(options.platforms ?? catalog.platforms ?? DEFAULT_PLATFORMS)].sort(compareText);
  const problems: string[] = [];
  const images: ImageReport[] = [];
  for (const image of catalog.images) {
    const tags: TagReport[] = [];
    for (const tag of image.tags) tags.push(await loadTag(distDir, image, tag, platforms, problems));
    images.push({
      name: image.name,
      description: image.description ?? null,
      isBaseImage: image.isBaseImage,
      dependsOn: [...image.dependsOn].sort(compareText),
      dependents: catalog.images.filter((other) => other.dependsOn.includes(image.name)).map((other) => other.name),
      tags,
      aliases: Object.entries(image.aliases)
        .map(([alias, target]) => ({ alias, tag: target }))
        .sort((a, b) => compareText(a.alias, b.alias)),
    });
  }
  if (problems.length > 0)
    throw new OperationError(
      `${problems.join('\n')}\n(these records are unreadable: run the step that wrote them again, or delete them)`,
    );
  return {
    registry: catalog.registry,
    snapshotId: catalog.snapshotId,
    platforms,
    images,
    generatedAt: formatGeneratedAt(options.generatedAt),
  };
}

async function loadTag(
  distDir: string,
  image: CatalogImageSummary,
  tag: CatalogTagSummary,
  expected: string[],
  problems: string[],
): Promise<TagReport> {
  const dir = path.join(distDir, image.name, tag.name);
  const found = new Map<string, PlatformRecords>();
  for (const slug of await platformFolders(dir))
    found.set(slug, await readPlatformRecords(path.join(dir, slug), problems));
  const platforms: PlatformReport[] = [];
  const listed = new Set<string>();
  const add = (platform: string, records: PlatformRecords | undefined) => {
    listed.add(platformSlug(platform));
    platforms.push({
      platform,
      slug: platformSlug(platform),
      build: records?.build ?? null,
      test: records?.test ?? null,
      sbom: records?.sbom ?? null,
      files: { junit: records?.junit ?? false, sbomDocument: records?.sbomDocument ?? null },
    });
  };
  for (const platform of expected) add(platform, found.get(platformSlug(platform)));
  for (const [slug, records] of found) {
    const named = [records.build, records.test, records.sbom].flatMap((r) => (r ? [r.platform] : []));
    for (const platform of new Set(named)) {
      if (platformSlug(platform) !== slug)
        problems.push(
          `${path.join(dir, slug)}: a record says platform \`${platform}\`, which belongs in ${platformSlug(platform)}/`,
        );
    }
    if (!listed.has(slug) && named.length > 0 && platformSlug(named[0]) === slug) add(named[0], records);
  }
  platforms.sort((a, b) => compareText(a.platform, b.platform));
  return {
    image: image.name,
    name: tag.name,
    variant: tag.variant,
    baseTag: tag.baseTag,
    versions: tag.versions,
    aliases: Object.entries(image.aliases)
      .filter(([, target]) => target === tag.name)
      .map(([alias]) => alias)
      .sort(compareText),
    dockerfile: await readOptional(path.join(dir, 'Dockerfile')),
    hasTestConfig: await isFile(path.join(dir, 'test.yml')),
    platforms,
  };
}

async function platformFolders(tagDir: string): Promise<string[]> {
  try {
    const entries = await fs.readdir(tagDir, { withFileTypes: true });
    return entries
      .filter((e) => e.isDirectory() && e.name.startsWith('linux-'))
      .map((e) => e.name)
      .sort(compareText);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

async function readOptional(file: string): Promise<string | null> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function formatGeneratedAt(value: Date | string | undefined): string | null {
  if (value === undefined) return null;
  return value instanceof Date ? value.toISOString() : value;
}
