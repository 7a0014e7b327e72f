/**
 * `image-manager sbom`: one SBOM per platform image (the same image `test` checks, see image-source.ts), written as
 * `linux-<arch>/sbom.<ext>` with its `sbom-summary.json`, then per tag the combined package list of its platforms,
 * and optionally a copy of each SBOM under the name GitLab's report glob collects. A platform whose scan fails
 * loses its previous SBOM files first: they described an image that is no longer the one being published.
 */
import { copyFile, mkdir, readFile, rm, writeFile, rename } from 'node:fs/promises';
import * as path from 'node:path';
import type { Catalog } from '../generate/catalog';
import { declaredPlatforms, tagDistDir } from '../publish/catalog-tags';
import { platformSlug, SBOM_SUMMARY, type SbomRecord } from '../records/records';
import type { RegistryClient } from '../registry';
import { generateSbom } from '../sbom/generate-sbom';
import { summarizeTagSboms } from '../sbom/index-summary';
import { sbomFileName, type SbomFormat } from '../sbom/sbom-format';
import type { SbomScanner } from '../sbom/scanners/scanner';
import { OperationError } from '../shared/errors';
import type { Exec } from '../shared/exec';
import type { Logger } from '../shared/logger';
import { redact } from '../shared/redact';
import { gitlabSbomFileName } from './gitlab-report-names';
import { findPlatformImages, type MissingPlatform, type PlatformImage } from './image-source';
import { withPlatformArchive } from './platform-archive';

/** `<dist>/<image>/<tag>/sbom-index-summary.json`: the packages of every platform of the tag, each listed once. */
export const TAG_SBOM_SUMMARY = 'sbom-index-summary.json';

export interface ImageSbomsInput {
  catalog: Catalog;
  client: RegistryClient;
  targets: Array<{ image: string; tag: string }>;
  platforms: string[];
  /** The platforms were named (`--platform`): one that is not found fails instead of being skipped. */
  explicitPlatforms: boolean;
  format: SbomFormat;
  scanner: SbomScanner;
  /** Also copy each SBOM here as `gl-sbom-<image>-<tag>-<arch>.<ext>`. */
  outputDir?: string;
  exec: Exec;
  env: NodeJS.ProcessEnv;
  logger: Logger;
  onResult?: (result: PlatformSbomResult) => void;
}

export interface PlatformSbomResult {
  image: string;
  tag: string;
  platform: string;
  /** The reference the SBOM describes (tag and digest), when the image was found. */
  ref?: string;
  record?: SbomRecord;
  file?: string;
  /** The copy in the output folder. */
  copy?: string;
  /** Why there is no SBOM. */
  error?: string;
}

export interface TagSbomResult {
  image: string;
  tag: string;
  platforms: PlatformSbomResult[];
  skipped: MissingPlatform[];
  /** The tag-level summary, when any platform of the tag has an SBOM. */
  summaryFile?: string;
}

export async function runImageSboms(input: ImageSbomsInput): Promise<TagSbomResult[]> {
  const results: TagSbomResult[] = [];
  for (const { image, tag } of input.targets) {
    const lookup = await findPlatformImages(input, image, tag, input.platforms);
    const failMissing = input.explicitPlatforms || lookup.found.length === 0;
    const platforms: PlatformSbomResult[] = [];
    const done = (result: PlatformSbomResult) => {
      platforms.push(result);
      input.onResult?.(result);
    };
    for (const platformImage of lookup.found) done(await sbomForPlatform(input, platformImage));
    for (const missing of [...lookup.failed, ...(failMissing ? lookup.missing : [])]) {
      done({ image, tag, platform: missing.platform, error: missing.reason });
    }
    for (const missing of failMissing ? [] : lookup.missing) {
      input.logger.info(`${image}:${tag} ${missing.platform}: skipped, ${missing.reason}`);
    }
    const summaryFile = await writeTagSummary(input.catalog, image, tag);
    results.push({ image, tag, platforms, skipped: failMissing ? [] : lookup.missing, summaryFile });
  }
  return results;
}

async function sbomForPlatform(input: ImageSbomsInput, image: PlatformImage): Promise<PlatformSbomResult> {
  const base = { image: image.image, tag: image.tag, platform: image.platform, ref: image.ref };
  await Promise.all(
    [SBOM_SUMMARY, sbomFileName(input.format)].map((name) => rm(path.join(image.dir, name), { force: true })),
  );
  try {
    const generated = await withPlatformArchive(input.client, image, input.logger, (archive) =>
      generateSbom({
        image: image.image,
        tag: image.tag,
        platform: image.platform,
        ref: image.tagRef,
        digest: image.digest,
        archive,
        outputDir: image.dir,
        format: input.format,
        scanner: input.scanner,
        exec: input.exec,
        env: input.env,
        log: input.logger,
      }),
    );
    let copy: string | undefined;
    if (input.outputDir) {
      copy = path.join(input.outputDir, gitlabSbomFileName(image.image, image.tag, image.platform, input.format));
      await mkdir(input.outputDir, { recursive: true });
      await copyFile(generated.file, copy);
    }
    return { ...base, record: generated.record, file: generated.file, copy };
  } catch (error) {
    if (!(error instanceof OperationError)) throw error;
    return { ...base, error: redact(error.message) };
  }
}

/** From every declared platform's record on disk, so a job that scanned one platform keeps the others' packages. */
async function writeTagSummary(catalog: Catalog, image: string, tag: string): Promise<string | undefined> {
  const tagDir = tagDistDir(catalog, image, tag);
  const records: SbomRecord[] = [];
  for (const platform of declaredPlatforms(catalog)) {
    const record = await readSbomRecord(path.join(tagDir, platformSlug(platform), SBOM_SUMMARY));
    if (record && record.image === image && record.tag === tag) records.push(record);
  }
  const file = path.join(tagDir, TAG_SBOM_SUMMARY);
  if (records.length === 0) {
    await rm(file, { force: true });
    return undefined;
  }
  const temp = `${file}.tmp-${process.pid}`;
  await writeFile(temp, `${JSON.stringify(summarizeTagSboms(records), null, 2)}\n`);
  await rename(temp, file);
  return file;
}

async function readSbomRecord(file: string): Promise<SbomRecord | undefined> {
  try {
    const record = JSON.parse(await readFile(file, 'utf8')) as SbomRecord;
    return Array.isArray(record.packages) ? record : undefined;
  } catch {
    return undefined;
  }
}
