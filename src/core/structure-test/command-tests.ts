/**
 * The commandTests of a config: the only tests that need a container runtime. Without one (or when the caller
 * turned them off) each is reported `not-run` with the reason; whether that fails the run is decided by the caller
 * (see structureTestsPassed), never silently.
 */
import type { TestCaseResult } from '../records/records';
import type { DockerArchive } from './archive/docker-archive';
import type { StructureTestConfig } from './config/types';
import { envListToMap } from './env-expansion';
import { elapsed } from './file-tests';
import { runCommandTest } from './run-command-test';
import type { ContainerRuntime, ContainerSettings, RuntimeContext, RuntimeName } from './runtime/container-runtime';
import { selectRuntime, type RuntimeSelection, type RuntimeSelectionOptions } from './runtime/select-runtime';

export interface CommandTestOptions {
  context: RuntimeContext;
  /** A runtime to use (name or instance); `auto` or undefined detects one. */
  runtime?: RuntimeName | 'auto' | ContainerRuntime;
  runtimeOptions?: Omit<RuntimeSelectionOptions, 'requested'>;
  skip?: boolean;
  network?: ContainerSettings['network'];
  timeoutMs?: number;
}

export const DEFAULT_COMMAND_TIMEOUT_MS = 10 * 60 * 1000;

export async function runCommandTests(
  archive: DockerArchive,
  config: StructureTestConfig,
  options: CommandTestOptions,
): Promise<{ results: TestCaseResult[]; runtime: string | null }> {
  const tests = config.commandTests;
  if (tests.length === 0) return { results: [], runtime: null };
  const every = (status: TestCaseResult['status'], message: string): TestCaseResult[] =>
    tests.map((test) => ({ kind: 'commandTests', name: test.name, status, durationMs: 0, message }));
  const notRun = (message: string) => ({ results: every('not-run', message), runtime: null });
  if (options.skip) return notRun('not run: command tests were turned off (skipCommandTests)');
  const selection = await resolveRuntime(options);
  const runtime = selection.runtime;
  if (!runtime) return notRun(`not run: no container runtime is available (${selection.problems.join('; ')})`);
  options.context.log.info(`command tests: ${runtime.description}, ${archive.platform}`);
  if (config.containerRunOptions?.allocateTty) {
    options.context.log.warn('containerRunOptions.allocateTty is ignored: a TTY would mix stderr into stdout');
  }
  const loadStarted = performance.now();
  let image;
  try {
    image = await runtime.load(archive);
  } catch (error) {
    const message = `the image could not be loaded into ${runtime.name}: ${(error as Error).message}`;
    return { results: every('error', message), runtime: runtime.description };
  }
  options.context.log.debug(`loaded ${archive.file} into ${runtime.name} in ${elapsed(loadStarted)} ms`);
  const results: TestCaseResult[] = [];
  for (const test of tests) {
    const started = performance.now();
    const outcome = await runCommandTest(test, {
      runtime,
      image,
      imageEnv: envListToMap(archive.config.config?.Env),
      globalEnvVars: config.globalEnvVars,
      runOptions: config.containerRunOptions,
      hostEnv: options.context.env,
      network: options.network ?? 'none',
      timeoutMs: options.timeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS,
    });
    results.push({
      kind: 'commandTests',
      name: test.name,
      status: outcome.status,
      durationMs: elapsed(started),
      message: outcome.message,
    });
  }
  return { results, runtime: runtime.description };
}

async function resolveRuntime(options: CommandTestOptions): Promise<RuntimeSelection> {
  if (options.runtime && typeof options.runtime !== 'string') return { runtime: options.runtime, problems: [] };
  return selectRuntime(options.context, { ...options.runtimeOptions, requested: options.runtime ?? 'auto' });
}
