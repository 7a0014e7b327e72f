/**
 * `image-manager test` for one platform image: validates the config, answers file, metadata and license tests
 * from the docker-archive (no runtime, no root), runs command tests in a container runtime when one is available,
 * and returns a TestReport plus whether the run passed.
 */
import type { TestCaseResult, TestReport } from '../records/records';
import { OperationError } from '../shared/errors';
import { execProcess, type Exec } from '../shared/exec';
import { silentLogger, type Logger } from '../shared/logger';
import { redact } from '../shared/redact';
import { openDockerArchive } from './archive/docker-archive';
import { runCommandTests, type CommandTestOptions } from './command-tests';
import { loadStructureTestConfig } from './config/parse-config';
import type { StructureTestConfig } from './config/types';
import { elapsed, runArchiveTests } from './file-tests';
import { summarizeTestReport } from './report/summary';

export interface StructureTestInput {
  image: string;
  tag: string;
  /** `linux/amd64`: the archive must hold an image for this platform. */
  platform: string;
  /** The registry reference of the platform image, recorded in the report. */
  ref?: string;
  /** docker-archive tar of the platform image. */
  archive: string;
  /** Path of the container-structure-test config, or a parsed one. */
  config: string | StructureTestConfig;
  /** Report command tests as not run and let the run pass without them (no runtime wanted, e.g. local rootless). */
  skipCommandTests?: boolean;
  runtime?: CommandTestOptions['runtime'];
  runtimeOptions?: CommandTestOptions['runtimeOptions'];
  network?: CommandTestOptions['network'];
  commandTimeoutMs?: number;
  exec?: Exec;
  env?: NodeJS.ProcessEnv;
  log?: Logger;
}

export interface StructureTestOutcome {
  report: TestReport;
  passed: boolean;
  /** One human line: `lua:5.4 linux/amd64: 12 passed, 1 failed … in 1.2 s`. */
  summary: string;
}

export async function runStructureTests(input: StructureTestInput): Promise<StructureTestOutcome> {
  const started = performance.now();
  const log = input.log ?? silentLogger;
  const config = typeof input.config === 'string' ? await loadStructureTestConfig(input.config) : input.config;
  const archive = await openDockerArchive(input.archive);
  if (!samePlatform(archive.platform, input.platform)) {
    throw new OperationError(
      `${input.archive} holds a ${archive.platform} image, but ${input.platform} was to be tested: pass the archive of that platform`,
    );
  }
  const commands = await runCommandTests(archive, config, {
    context: { exec: input.exec ?? execProcess, env: input.env ?? process.env, log },
    runtime: input.runtime,
    runtimeOptions: input.runtimeOptions,
    skip: input.skipCommandTests,
    network: input.network,
    timeoutMs: input.commandTimeoutMs,
  });
  const tests = [...commands.results, ...(await runArchiveTests(archive, config))].map(redacted);
  const report: TestReport = {
    image: input.image,
    tag: input.tag,
    platform: input.platform,
    ...(input.ref ? { ref: input.ref } : {}),
    runtime: commands.runtime,
    summary: {
      passed: count(tests, 'passed'),
      failed: count(tests, 'failed'),
      errors: count(tests, 'error'),
      notRun: count(tests, 'not-run'),
      durationMs: elapsed(started),
    },
    commandTestsSkipped: input.skipCommandTests ?? false,
    tests,
  };
  for (const test of tests) logResult(log, test);
  const passed = structureTestsPassed(report, input.skipCommandTests ?? false);
  const summary = summarizeTestReport(report, passed);
  log.info(summary);
  return { report, passed, summary };
}

/** A run passes when nothing failed or errored, and tests that did not run were deliberately skipped. */
export function structureTestsPassed(report: TestReport, skipCommandTests: boolean): boolean {
  const { failed, errors, notRun } = report.summary;
  return failed === 0 && errors === 0 && (notRun === 0 || skipCommandTests);
}

/** `linux/arm64` matches an archive of `linux/arm64/v8`; a variant asked for must match exactly. */
function samePlatform(actual: string, wanted: string): boolean {
  const [os, arch, variant] = wanted.split('/');
  const [actualOs, actualArch, actualVariant] = actual.split('/');
  return os === actualOs && arch === actualArch && (variant === undefined || variant === actualVariant);
}

function count(tests: TestCaseResult[], status: TestCaseResult['status']): number {
  return tests.filter((test) => test.status === status).length;
}

function redacted(test: TestCaseResult): TestCaseResult {
  return test.message === undefined ? test : { ...test, message: redact(test.message) };
}

const LABELS: Record<TestCaseResult['status'], string> = {
  passed: 'PASS',
  failed: 'FAIL',
  error: 'ERROR',
  'not-run': 'NOT RUN',
};

function logResult(log: Logger, test: TestCaseResult): void {
  const line = `${LABELS[test.status]} ${test.kind}: ${test.name}`;
  if (test.status === 'passed') log.info(line);
  else log.info(`${line}\n  ${(test.message ?? '').split('\n').join('\n  ')}`);
}
