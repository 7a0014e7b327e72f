/**
 * One commandTest in a container of the image: environment from globalEnvVars, the test's envVars and
 * containerRunOptions; `$VAR` in the command and its arguments expanded the way the real tool does (from the
 * image's environment and the test's variables, before the container starts); setup steps, the command and
 * teardown steps in the same container; then stdout, stderr and the exit code compared with the expectations.
 */
import { readFileSync } from 'node:fs';
import { registerSecret } from '../shared/redact';
import { matchPatterns, outcomeOf, shown, type CheckOutcome } from './checks/check-outcome';
import type { CommandTestSpec, ContainerRunOptionsSpec, EnvVarSpec } from './config/types';
import { envListToMap, expandGoStyle } from './env-expansion';
import type { ContainerRuntime, ContainerSettings, LoadedImage, ProcessResult } from './runtime/container-runtime';

export interface CommandTestContext {
  runtime: ContainerRuntime;
  image: LoadedImage;
  imageEnv: Map<string, string>;
  globalEnvVars: EnvVarSpec[];
  runOptions?: ContainerRunOptionsSpec;
  /** Where containerRunOptions.envVars are read from. */
  hostEnv: NodeJS.ProcessEnv;
  network: ContainerSettings['network'];
  timeoutMs: number;
}

export async function runCommandTest(test: CommandTestSpec, context: CommandTestContext): Promise<CheckOutcome> {
  const settings = containerSettings(test, context);
  const lookup = new Map([...context.imageEnv, ...settings.env]);
  const argv = [test.command, ...test.args].map((word) => expandGoStyle(word, (name) => lookup.get(name)));
  try {
    if (test.setup.length === 0 && test.teardown.length === 0) {
      return judge(test, await context.runtime.runOnce(context.image, settings, argv), settings);
    }
    return await context.runtime.withContainer(context.image, settings, async (session) => {
      for (const [index, step] of test.setup.entries()) {
        const result = await session.exec(step);
        if (result.exitCode !== 0 || result.timedOut) {
          return { status: 'error', message: `setup step ${index + 1} ${stepText(step)} ${failure(result, settings)}` };
        }
      }
      const outcome = judge(test, await session.exec(argv), settings);
      const teardownProblems: string[] = [];
      for (const [index, step] of test.teardown.entries()) {
        const result = await session.exec(step);
        if (result.exitCode !== 0)
          teardownProblems.push(`teardown step ${index + 1} ${stepText(step)} ${failure(result, settings)}`);
      }
      if (teardownProblems.length === 0) return outcome;
      return { ...outcome, message: [outcome.message, ...teardownProblems].filter(Boolean).join('\n') };
    });
  } catch (error) {
    return {
      status: 'error',
      message: `could not run the command in a ${context.runtime.name} container: ${(error as Error).message}`,
    };
  }
}

function judge(test: CommandTestSpec, result: ProcessResult, settings: ContainerSettings): CheckOutcome {
  if (result.timedOut) return { status: 'error', message: `the command ${failure(result, settings)}` };
  const mismatches = [
    ...matchPatterns(result.stdout, 'stdout', test.expectedOutput, test.excludedOutput),
    ...matchPatterns(result.stderr, 'stderr', test.expectedError, test.excludedError),
  ];
  if (result.exitCode !== test.exitCode) {
    const stderr = result.stderr.trim() ? `; stderr was ${shown(result.stderr)}` : '';
    mismatches.push(`exit code was ${result.exitCode}, expected ${test.exitCode}${stderr}`);
  }
  return outcomeOf(mismatches);
}

function containerSettings(test: CommandTestSpec, context: CommandTestContext): ContainerSettings {
  const env: Array<[string, string]> = [];
  const options = context.runOptions;
  for (const line of options?.envFile ? readEnvFile(options.envFile) : []) env.push(line);
  for (const name of options?.envVars ?? []) {
    const value = context.hostEnv[name];
    if (value !== undefined) env.push([name, value]);
  }
  // Values passed in from the host may be secrets: keep them out of logs and reports.
  for (const [, value] of env) registerSecret(value);
  // Like the real tool: variable values may use the image's variables (PATH=/opt/bin:$PATH).
  for (const { key, value } of [...context.globalEnvVars, ...test.envVars]) {
    env.push([key, expandGoStyle(value, (name) => context.imageEnv.get(name))]);
  }
  return {
    env,
    user: options?.user,
    privileged: options?.privileged,
    capabilities: options?.capabilities,
    bindMounts: options?.bindMounts,
    network: context.network,
    timeoutMs: context.timeoutMs,
  };
}

/** `--env-file` format: KEY=value lines, `#` comments and blank lines ignored. */
function readEnvFile(file: string): Array<[string, string]> {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  const map = envListToMap(lines.filter((line) => line.trim() !== '' && !line.trimStart().startsWith('#')));
  return [...map];
}

function stepText(step: string[]): string {
  return `(${shown(step.join(' '), 80)})`;
}

function failure(result: ProcessResult, settings: ContainerSettings): string {
  if (result.timedOut) return `timed out after ${Math.round(settings.timeoutMs / 1000)} s`;
  const stderr = result.stderr.trim() ? `: ${shown(result.stderr)}` : '';
  return `failed with exit code ${result.exitCode}${stderr}`;
}
