/**
 * Reads the records of one tag and platform (`<dist>/<image>/<tag>/linux-<arch>/`, src/core/records/records.ts).
 * Missing files mean "this step has not run"; a file that exists but does not parse or has the wrong shape is a
 * problem the caller reports (with every other one) instead of silently showing the platform as not built.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import {
  BUILD_RECORD,
  type BuildRecord,
  JUNIT_REPORT,
  SBOM_SUMMARY,
  type SbomRecord,
  TEST_REPORT,
  type TestReport,
  type TestStatus,
} from '../records/records';
import { ShapeChecker } from './shape-checker';

const TEST_STATUSES: readonly TestStatus[] = ['passed', 'failed', 'error', 'not-run'];
const SBOM_FORMATS: readonly SbomRecord['format'][] = ['cyclonedx-json', 'spdx-json', 'syft-json'];

export interface PlatformRecords {
  build: BuildRecord | null;
  test: TestReport | null;
  sbom: SbomRecord | null;
  junit: boolean;
  /** The SBOM document's file name when it exists beside its summary. */
  sbomDocument: string | null;
}

export async function readPlatformRecords(dir: string, problems: string[]): Promise<PlatformRecords> {
  const build = await readRecord(path.join(dir, BUILD_RECORD), problems, readBuild);
  const test = await readRecord(path.join(dir, TEST_REPORT), problems, readTest);
  const sbom = await readRecord(path.join(dir, SBOM_SUMMARY), problems, readSbom);
  return {
    build,
    test,
    sbom,
    junit: await isFile(path.join(dir, JUNIT_REPORT)),
    sbomDocument: sbom && isPlainFileName(sbom.file) && (await isFile(path.join(dir, sbom.file))) ? sbom.file : null,
  };
}

async function readRecord<T>(
  file: string,
  problems: string[],
  read: (check: ShapeChecker, json: Record<string, unknown>) => T,
): Promise<T | null> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    problems.push(`${file}: not valid JSON (${(error as Error).message})`);
    return null;
  }
  const check = new ShapeChecker(file);
  const record = read(check, check.object(json, ''));
  if (check.ok) return record;
  problems.push(...check.messages());
  return null;
}

function readBuild(check: ShapeChecker, json: Record<string, unknown>): BuildRecord {
  const record: BuildRecord = {
    image: check.string(json, 'image'),
    tag: check.string(json, 'tag'),
    platform: check.string(json, 'platform'),
    ref: check.string(json, 'ref'),
    digest: check.string(json, 'digest'),
    builder: check.string(json, 'builder'),
    baseDigests: check.stringRecord(json, 'baseDigests'),
    durationMs: check.number(json, 'durationMs'),
  };
  const size = check.optionalNumber(json, 'size');
  if (size !== undefined) record.size = size;
  const inputDigest = check.optionalString(json, 'inputDigest');
  if (inputDigest !== undefined) record.inputDigest = inputDigest;
  const reusedFrom = check.optionalString(json, 'reusedFrom');
  if (reusedFrom !== undefined) record.reusedFrom = reusedFrom;
  const archive = check.optionalString(json, 'archive');
  if (archive !== undefined) record.archive = archive;
  const labels = check.optionalStringRecord(json, 'labels');
  if (labels !== undefined) record.labels = labels;
  return record;
}

function readTest(check: ShapeChecker, json: Record<string, unknown>): TestReport {
  const summary = check.object(json.summary, 'summary');
  const report: TestReport = {
    image: check.string(json, 'image'),
    tag: check.string(json, 'tag'),
    platform: check.string(json, 'platform'),
    runtime: check.nullableString(json, 'runtime'),
    summary: {
      passed: check.number(summary, 'passed', 'summary'),
      failed: check.number(summary, 'failed', 'summary'),
      errors: check.number(summary, 'errors', 'summary'),
      notRun: check.number(summary, 'notRun', 'summary'),
      durationMs: check.number(summary, 'durationMs', 'summary'),
    },
    tests: check.array(json, 'tests').map((value, i) => {
      const at = `tests[${i}]`;
      const test = check.object(value, at);
      const message = check.optionalString(test, 'message', at);
      return {
        kind: check.string(test, 'kind', at),
        name: check.string(test, 'name', at),
        status: check.oneOf(test, 'status', TEST_STATUSES, at),
        durationMs: check.number(test, 'durationMs', at),
        ...(message !== undefined ? { message } : {}),
      };
    }),
  };
  const ref = check.optionalString(json, 'ref');
  if (ref !== undefined) report.ref = ref;
  return report;
}

function readSbom(check: ShapeChecker, json: Record<string, unknown>): SbomRecord {
  return {
    image: check.string(json, 'image'),
    tag: check.string(json, 'tag'),
    platform: check.string(json, 'platform'),
    format: check.oneOf(json, 'format', SBOM_FORMATS),
    file: check.string(json, 'file'),
    scanner: check.string(json, 'scanner'),
    packageCount: check.number(json, 'packageCount'),
    packages: check.array(json, 'packages').map((value, i) => {
      const at = `packages[${i}]`;
      const pkg = check.object(value, at);
      const purl = check.optionalString(pkg, 'purl', at);
      const license = check.optionalString(pkg, 'license', at);
      return {
        name: check.string(pkg, 'name', at),
        version: check.string(pkg, 'version', at),
        type: check.string(pkg, 'type', at),
        ...(purl !== undefined ? { purl } : {}),
        ...(license !== undefined ? { license } : {}),
      };
    }),
  };
}

/** A record names its SBOM document; only a plain name beside it may become a link (no `../` escapes). */
function isPlainFileName(name: string): boolean {
  return name.length > 0 && !name.includes('/') && !name.includes('\\') && name !== '.' && name !== '..';
}

export async function isFile(file: string): Promise<boolean> {
  try {
    return (await fs.stat(file)).isFile();
  } catch {
    return false;
  }
}
