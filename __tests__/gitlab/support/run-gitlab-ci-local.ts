/**
 * Runs a pipeline with gitlab-ci-local 4.73.0 (shell executor, each job in its own copy of the repository so only
 * declared artifacts travel between jobs, as on GitLab) with the REAL image-manager: a wrapper named
 * `image-manager` on PATH runs `node <repo>/dist/cli/index.js` and records when each job's command starts and ends.
 *
 * gitlab-ci-local gotcha (environment.md §6): a failing job of a CHILD pipeline leaves its exit code at 0 and its
 * trigger job "passed", so results are read per job from its summary lines, not only from the exit code.
 */
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { containersEnv, requireTool } from '../../support/containers-env';
import { REPO_ROOT, type GitlabProject } from './gitlab-project';

const run = promisify(execFile);
const GITLAB_CI_LOCAL = path.join(REPO_ROOT, 'node_modules', '.bin', 'gitlab-ci-local');
/** The committed CLI bundle; IMAGE_MANAGER_TEST_CLI runs the pipelines with another build of it (a bundle file). */
export const CLI_BUNDLE = process.env.IMAGE_MANAGER_TEST_CLI ?? path.join(REPO_ROOT, 'dist', 'cli', 'index.js');

export interface CommandEvent {
  kind: 'start' | 'end';
  job: string;
  /** `start`: the command line after `image-manager`; `end`: the exit code. */
  detail: string;
}

export interface PipelineRun {
  exitCode: number;
  output: string;
  events: CommandEvent[];
  /** Job name → PASS / FAIL / WARN as gitlab-ci-local's summary reports it (child jobs included). */
  results: Map<string, string>;
}

export function requirePipelineTools(): void {
  requireTool('git', 'apt-get install -y git');
  requireTool('rsync', 'apt-get install -y rsync (gitlab-ci-local copies the repository for each job with it)');
  requireTool('buildah', 'apt-get install -y buildah');
  requireTool('skopeo', 'apt-get install -y skopeo');
  if (!existsSync(GITLAB_CI_LOCAL)) throw new Error(`${GITLAB_CI_LOCAL} is missing: run \`npm ci\``);
  if (!existsSync(CLI_BUNDLE)) throw new Error(`${CLI_BUNDLE} is missing: run \`npm run build\``);
}

/** The `image-manager` wrapper the jobs find on PATH, in `binDir`. */
export function writeCliWrapper(binDir: string): void {
  mkdirSync(binDir, { recursive: true });
  const wrapper = path.join(binDir, 'image-manager');
  writeFileSync(
    wrapper,
    [
      '#!/bin/sh',
      `echo "start $CI_JOB_NAME $*" >> "$IM_EVENT_LOG"`,
      `node ${JSON.stringify(CLI_BUNDLE)} "$@"`,
      'code=$?',
      `echo "end $CI_JOB_NAME $code" >> "$IM_EVENT_LOG"`,
      'exit $code',
      '',
    ].join('\n'),
  );
  chmodSync(wrapper, 0o755);
}

export interface RunOptions {
  /** `NAME=value` pipeline variables (e.g. a merge request's CI_MERGE_REQUEST_IID). */
  variables?: string[];
  env?: NodeJS.ProcessEnv;
}

export async function runGitlabCiLocal(project: GitlabProject, options: RunOptions = {}): Promise<PipelineRun> {
  const binDir = path.join(project.root, '..', `${path.basename(project.root)}-bin`);
  writeCliWrapper(binDir);
  const eventLog = path.join(binDir, 'events.log');
  writeFileSync(eventLog, '');
  const variables = options.variables ?? [];
  const args = ['--force-shell-executor', '--shell-isolation', '--no-color'];
  for (const variable of variables) args.push('--variable', variable);
  // gitlab-ci-local itself sets CI_PIPELINE_SOURCE=parent_pipeline for child pipelines, which it warns about.
  const overridden = ['CI_PIPELINE_SOURCE', ...variables.map((v) => v.split('=')[0])];
  args.push('--ignore-predefined-vars', [...new Set(overridden)].join(','));
  const env = {
    ...containersEnv(),
    SOURCE_DATE_EPOCH: '1767225600',
    NO_COLOR: '1',
    ...options.env,
    PATH: `${binDir}:${process.env.PATH}`,
    IM_EVENT_LOG: eventLog,
  };
  let exitCode = 0;
  let output: string;
  try {
    const { stdout, stderr } = await run(GITLAB_CI_LOCAL, args, {
      cwd: project.root,
      env,
      maxBuffer: 64 * 1024 * 1024,
    });
    output = stdout + stderr;
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    exitCode = typeof failed.code === 'number' ? failed.code : 1;
    output = `${failed.stdout ?? ''}${failed.stderr ?? ''}`;
  }
  return { exitCode, output, events: readEvents(eventLog), results: readResults(output) };
}

/**
 * `gitlab-ci-local --list`: resolves the includes, interpolates the inputs and validates the result against
 * GitLab's own CI JSON schema (bundled with gitlab-ci-local), without running anything.
 */
export async function listPipeline(project: GitlabProject): Promise<{ exitCode: number; output: string }> {
  try {
    const { stdout, stderr } = await run(GITLAB_CI_LOCAL, ['--list', '--no-color'], { cwd: project.root });
    return { exitCode: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { exitCode: typeof failed.code === 'number' ? failed.code : 1, output: `${failed.stdout}${failed.stderr}` };
  }
}

function readEvents(file: string): CommandEvent[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [kind, job, ...rest] = line.split(' ');
      return { kind: kind as CommandEvent['kind'], job, detail: rest.join(' ') };
    });
}

/**
 * ` PASS  job`, ` FAIL  job`, ` WARN  job` summary lines. A child job passes as `[trigger] -> job` but fails as
 * plain `job`, so the trigger prefix is dropped: job names are keys (child and parent names must differ).
 */
function readResults(output: string): Map<string, string> {
  const results = new Map<string, string>();
  for (const line of output.split('\n')) {
    const match = /^\s*(PASS|FAIL|WARN)\s+(?:\[[^\]]+\] -> )?(\S+)\s*$/.exec(line);
    if (match) results.set(match[2], match[1]);
  }
  return results;
}

/** Fails with the failed jobs' output when the pipeline did not exit 0 (a bare exit code explains nothing). */
export function expectSuccess(run: PipelineRun): void {
  if (run.exitCode === 0) return;
  const failed = [...run.results].filter(([, result]) => result === 'FAIL').map(([job]) => job);
  const lines = run.output.split('\n').filter((line) => failed.some((job) => line.includes(job)));
  throw new Error(
    `gitlab-ci-local exited ${run.exitCode}; failed jobs: ${failed.join(', ') || 'none'}\n` +
      (lines.length > 0 ? lines.slice(-80) : run.output.split('\n').slice(-80)).join('\n'),
  );
}

/** Index of the first event matching, or -1. */
export function eventIndex(run: PipelineRun, kind: CommandEvent['kind'], job: string): number {
  return run.events.findIndex((event) => event.kind === kind && event.job === job);
}

/** Every `needs` pair that did not finish before its dependant started, as readable problems. */
export function orderViolations(run: PipelineRun, edges: Array<[before: string, after: string]>): string[] {
  const problems: string[] = [];
  for (const [before, after] of edges) {
    const end = eventIndex(run, 'end', before);
    const start = eventIndex(run, 'start', after);
    if (end < 0) problems.push(`${before} never finished`);
    else if (start < 0) problems.push(`${after} never started`);
    else if (end > start) problems.push(`${after} started before ${before} finished`);
  }
  return problems;
}

/** The exit code each job's command ended with. */
export function commandExitCodes(run: PipelineRun): Record<string, number> {
  const codes: Record<string, number> = {};
  for (const event of run.events) if (event.kind === 'end') codes[event.job] = Number(event.detail);
  return codes;
}
