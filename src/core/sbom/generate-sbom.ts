/**
 * `image-manager sbom` for one platform image: scans its docker-archive with syft or trivy, rewrites the result so
 * it names the image and is identical for the same image, and writes `sbom.<ext>` plus `sbom-summary.json` (the
 * package list the HTML report shows) into the platform folder.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { SBOM_SUMMARY, type SbomRecord } from '../records/records';
import { openDockerArchive } from '../structure-test/archive/docker-archive';
import { OperationError } from '../shared/errors';
import { execProcess, type Exec } from '../shared/exec';
import { silentLogger, type Logger } from '../shared/logger';
import { normalizeCycloneDx } from './normalize/cyclonedx';
import { isObject, type JsonObject } from './normalize/json-tools';
import { normalizeSpdx } from './normalize/spdx';
import { normalizeSyftJson } from './normalize/syft-json';
import { packagesFromSbom } from './package-list';
import { scannerVersionFromSbom } from './scanner-version';
import { DEFAULT_SBOM_FORMAT, sbomFileName, type SbomFormat } from './sbom-format';
import { describeSubject, sbomTimestamp, sbomUuid, type SbomSubject } from './sbom-subject';
import type { SbomScanner, ScannerName } from './scanners/scanner';
import { selectScanner, type ScannerSelectionOptions } from './scanners/select-scanner';

export interface GenerateSbomInput {
  image: string;
  tag: string;
  /** `linux/amd64`: the archive must hold an image for this platform. */
  platform: string;
  /** The pushed platform reference the SBOM names, e.g. `127.0.0.1:5050/lua:5.4-linux-amd64`. */
  ref: string;
  /** Manifest digest of the pushed platform image (build.json); the image id is used when unknown. */
  digest?: string;
  /** docker-archive tar of the platform image. */
  archive: string;
  /** The platform folder, e.g. `dist/lua/5.4/linux-amd64`. */
  outputDir: string;
  format?: SbomFormat;
  scanner?: ScannerName | 'auto' | SbomScanner;
  scannerOptions?: Omit<ScannerSelectionOptions, 'requested' | 'format'>;
  /** Default: the environment's SOURCE_DATE_EPOCH. */
  sourceDateEpoch?: string;
  exec?: Exec;
  env?: NodeJS.ProcessEnv;
  log?: Logger;
}

export interface GeneratedSbom {
  record: SbomRecord;
  /** Absolute paths of `sbom.<ext>` and `sbom-summary.json`. */
  file: string;
  recordFile: string;
}

export async function generateSbom(input: GenerateSbomInput): Promise<GeneratedSbom> {
  const env = input.env ?? process.env;
  const context = { exec: input.exec ?? execProcess, env, log: input.log ?? silentLogger };
  const format = input.format ?? DEFAULT_SBOM_FORMAT;
  const archive = await openDockerArchive(input.archive);
  const [wantedOs, wantedArch] = input.platform.split('/');
  const [os, arch] = archive.platform.split('/');
  if (os !== wantedOs || arch !== wantedArch) {
    throw new OperationError(`${input.archive} holds a ${archive.platform} image, not ${input.platform}`);
  }
  const subject = describeSubject({
    ref: input.ref,
    digest: input.digest,
    imageId: archive.imageId,
    platform: input.platform,
    created: archive.config.created,
  });
  const scanner =
    input.scanner && typeof input.scanner !== 'string'
      ? input.scanner
      : await selectScanner(context, { ...input.scannerOptions, requested: input.scanner ?? 'auto', format });
  if (!scanner.supports(format)) throw new OperationError(`${scanner.name} cannot write ${format}`);

  await fs.mkdir(input.outputDir, { recursive: true });
  const file = path.resolve(input.outputDir, sbomFileName(format));
  const raw = `${file}.raw-${process.pid}`;
  try {
    await scanner.scan({ archive: path.resolve(input.archive), format, output: raw });
    const document = normalize(format, await readJson(raw, scanner.name), subject, {
      serial: sbomUuid(subject, scanner.name, format),
      timestamp: sbomTimestamp(subject, input.sourceDateEpoch ?? env.SOURCE_DATE_EPOCH),
    });
    await writeAtomically(file, `${JSON.stringify(document, null, 2)}\n`);
    const packages = packagesFromSbom(format, document);
    const record: SbomRecord = {
      image: input.image,
      tag: input.tag,
      platform: input.platform,
      format,
      file: path.basename(file),
      scanner: `${scanner.name} ${scanner.version ?? scannerVersionFromSbom(format, document, scanner.name) ?? 'unknown'}`,
      packageCount: packages.length,
      packages,
    };
    const recordFile = path.resolve(input.outputDir, SBOM_SUMMARY);
    await writeAtomically(recordFile, `${JSON.stringify(record, null, 2)}\n`);
    context.log.info(`SBOM for ${input.ref} (${input.platform}): ${packages.length} packages → ${file}`);
    return { record, file, recordFile };
  } finally {
    await fs.rm(raw, { force: true });
  }
}

function normalize(
  format: SbomFormat,
  document: JsonObject,
  subject: SbomSubject,
  ids: { serial: string; timestamp?: string },
): JsonObject {
  if (format === 'cyclonedx-json') {
    if (document.bomFormat !== 'CycloneDX') throw new OperationError('the scanner did not write CycloneDX JSON');
    return normalizeCycloneDx(document, subject, ids);
  }
  if (format === 'spdx-json') {
    if (typeof document.spdxVersion !== 'string') throw new OperationError('the scanner did not write SPDX JSON');
    return normalizeSpdx(document, subject, ids);
  }
  return normalizeSyftJson(document, subject);
}

async function readJson(file: string, scanner: string): Promise<JsonObject> {
  const text = await fs.readFile(file, 'utf8');
  try {
    const parsed = JSON.parse(text) as unknown;
    if (isObject(parsed)) return parsed;
  } catch {
    // reported below
  }
  throw new OperationError(`${scanner} wrote something that is not a JSON document (${text.slice(0, 80)}…)`);
}

async function writeAtomically(file: string, content: string): Promise<void> {
  const temp = `${file}.tmp-${process.pid}`;
  await fs.writeFile(temp, content);
  await fs.rename(temp, file);
}
