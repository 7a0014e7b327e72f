/**
 * `image-manager test`: for every selected tag with a test config and every platform, the platform image (local
 * archive or pulled, see image-source.ts) goes through the structure tests, and `linux-<arch>/test-report.json` and
 * `junit.xml` are written whatever happens: a platform that could not be tested (not built, pull failed, runtime
 * broke) gets a report with one error in it, so a stale passing report never survives and `promote` refuses it.
 */
import * as path from 'node:path';
import type { Catalog } from '../generate/catalog';
import type { TestReport } from '../records/records';
import type { RegistryClient } from '../registry';
import { OperationError } from '../shared/errors';
import type { Exec } from '../shared/exec';
import type { Logger } from '../shared/logger';
import { redact } from '../shared/redact';
import { runStructureTests } from '../structure-test/run-structure-tests';
import { summarizeTestReport } from '../structure-test/report/summary';
import { writeTestReports } from '../structure-test/report/write-reports';
import type { ContainerRuntime, RuntimeName } from '../structure-test/runtime/container-runtime';
import { selectRuntime } from '../structure-test/runtime/select-runtime';
import { findPlatformImages, type MissingPlatform, type PlatformImage } from './image-source';
import { withPlatformArchive } from './platform-archive';
import type { TagTestConfig } from './test-configs';

export interface ImageTestsInput {
  catalog: Catalog;
  client: RegistryClient;
  configs: TagTestConfig[];
  platforms: string[];
  /** The platforms were named (`--platform`): one that is not found fails instead of being skipped. */
  explicitPlatforms: boolean;
  skipCommandTests: boolean;
  runtime: RuntimeName | 'auto';
  exec: Exec;
  env: NodeJS.ProcessEnv;
  logger: Logger;
  /** Called as each platform is done, so results can be shown while the next one runs. */
  onResult?: (result: PlatformTestResult) => void;
}

export interface PlatformTestResult {
  report: TestReport;
  passed: boolean;
  /** `PASSED app:1.0 linux/amd64: 3 passed, 0 failed in 0.4 s (command tests: podman 4.3.1)` */
  summary: string;
  /** Where the image came from: the archive path or the pulled reference; absent when it could not be had. */
  from?: string;
  files: { json: string; junit: string };
}

export interface TagTestResult {
  image: string;
  tag: string;
  /** False when the tag has no test config. */
  hasTests: boolean;
  platforms: PlatformTestResult[];
  /** Platforms not built (skipped when they were not asked for by name). */
  skipped: MissingPlatform[];
}

export async function runImageTests(input: ImageTestsInput): Promise<TagTestResult[]> {
  const { logger } = input;
  const runtime = await preselectRuntime(input);
  const results: TagTestResult[] = [];
  for (const entry of input.configs) {
    const { image, tag, config } = entry;
    if (!config) {
      logger.info(`${image}:${tag}: no tests (no ${path.basename(entry.file)})`);
      results.push({ image, tag, hasTests: false, platforms: [], skipped: [] });
      continue;
    }
    const lookup = await findPlatformImages(input, image, tag, input.platforms);
    // Nothing at all to test is a failure too: a CI test job that finds no image must not pass.
    const failMissing = input.explicitPlatforms || lookup.found.length === 0;
    const platforms: PlatformTestResult[] = [];
    const done = (result: PlatformTestResult) => {
      platforms.push(result);
      input.onResult?.(result);
    };
    for (const platformImage of lookup.found) done(await testPlatform(input, entry, platformImage, runtime));
    for (const missing of [...lookup.failed, ...(failMissing ? lookup.missing : [])]) {
      done(await writeErrorReport(input, missing, { ref: missing.tagRef }, missing.reason, 0));
    }
    for (const missing of failMissing ? [] : lookup.missing) {
      logger.info(`${image}:${tag} ${missing.platform}: skipped, ${missing.reason}`);
    }
    results.push({ image, tag, hasTests: true, platforms, skipped: failMissing ? [] : lookup.missing });
  }
  return results;
}

/** One runtime for the whole run (probing once), when command tests are to run at all. */
async function preselectRuntime(input: ImageTestsInput): Promise<ContainerRuntime | RuntimeName | 'auto'> {
  const needed = input.configs.some((c) => (c.config?.commandTests.length ?? 0) > 0);
  if (!needed || input.skipCommandTests) return input.runtime;
  const context = { exec: input.exec, env: input.env, log: input.logger };
  const selection = await selectRuntime(context, { requested: input.runtime });
  // None found: each platform's tests then report the command tests as not run, with the reasons.
  return selection.runtime ?? input.runtime;
}

async function testPlatform(
  input: ImageTestsInput,
  entry: TagTestConfig,
  image: PlatformImage,
  runtime: ContainerRuntime | RuntimeName | 'auto',
): Promise<PlatformTestResult> {
  const started = performance.now();
  const from = image.source.kind === 'archive' ? image.source.file : `${image.ref} (pulled)`;
  try {
    const outcome = await withPlatformArchive(input.client, image, input.logger, (archive) =>
      runStructureTests({
        image: image.image,
        tag: image.tag,
        platform: image.platform,
        ref: image.ref,
        archive,
        config: entry.config ?? entry.file,
        skipCommandTests: input.skipCommandTests,
        runtime,
        exec: input.exec,
        env: input.env,
        log: detailsAsDebug(input.logger),
      }),
    );
    const files = await writeTestReports(image.dir, outcome.report, { skipCommandTests: input.skipCommandTests });
    return { report: outcome.report, passed: outcome.passed, summary: outcome.summary, from, files };
  } catch (error) {
    if (!(error instanceof OperationError)) throw error;
    const result = await writeErrorReport(input, image, image, error.message, performance.now() - started);
    return { ...result, from };
  }
}

/** A report holding one error: the platform image could not be tested at all. */
async function writeErrorReport(
  input: ImageTestsInput,
  where: { image: string; tag: string; platform: string; dir: string },
  named: { ref: string },
  reason: string,
  durationMs: number,
): Promise<PlatformTestResult> {
  const message = redact(reason);
  const report: TestReport = {
    image: where.image,
    tag: where.tag,
    platform: where.platform,
    ref: named.ref,
    runtime: null,
    summary: { passed: 0, failed: 0, errors: 1, notRun: 0, durationMs: Math.round(durationMs) },
    commandTestsSkipped: input.skipCommandTests,
    tests: [
      { kind: 'setup', name: 'the image can be tested', status: 'error', durationMs: Math.round(durationMs), message },
    ],
  };
  const files = await writeTestReports(where.dir, report, { skipCommandTests: input.skipCommandTests });
  return { report, passed: false, summary: summarizeTestReport(report, false), files };
}

/**
 * The structure-test library logs every test and its summary; the command prints those itself (with durations,
 * on stdout), so the library's info lines only show with debug output on.
 */
function detailsAsDebug(logger: Logger): Logger {
  return {
    info: (message) => logger.debug(message),
    debug: (message) => logger.debug(message),
    warn: (message, location) => logger.warn(message, location),
    error: (message, location) => logger.error(message, location),
  };
}
