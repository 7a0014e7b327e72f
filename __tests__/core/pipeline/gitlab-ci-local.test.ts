/**
 * Runs a generated GitLab pipeline for real with gitlab-ci-local 4.73.0 (shell executor), with `image-manager`
 * replaced by a stub on PATH that logs when each job starts and ends and writes the report files the pipeline
 * declares. Proves that GitLab accepts the pipeline (gitlab-ci-local rejects a need on a later stage, PoC B15) and
 * that the order it executes respects the FROM graph per platform. Real builds are the lead's end-to-end test.
 */
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { generatePipeline } from '../../../src/core/pipeline';
import { requireTool } from '../../support/containers-env';
import { catalog, image, projectConfig } from './support/catalogs';
import { readGitlabPipeline, type ReadJob } from './support/pipeline-reader';

const run = promisify(execFile);
const ROOT = path.join(__dirname, '..', '..', '..');
const GITLAB_CI_LOCAL = path.join(ROOT, 'node_modules', '.bin', 'gitlab-ci-local');

// A diamond (base → node, python → fullstack) plus a leaf, on two platforms: 41 jobs.
const summary = catalog(
  image('base'),
  image('node', ['base']),
  image('python', ['base']),
  image('fullstack', ['node', 'python']),
  image('curl', ['base']),
);
const pipeline = generatePipeline(summary, projectConfig(), 'gitlab');
const jobs = readGitlabPipeline(pipeline);

const STUB = `#!/bin/sh
# Stand-in for the image-manager CLI: records the job order, creates what the pipeline collects.
echo "start $CI_JOB_NAME $*" >> "$IM_STUB_LOG"
[ "$1" = generate ] && mkdir -p dist && echo '{}' > dist/catalog.json
previous=""
for arg in "$@"; do
  if [ "$previous" = "--output" ]; then mkdir -p "$(dirname "$arg")" && echo '{}' > "$arg"; fi
  previous="$arg"
done
sleep 0.05
echo "end $CI_JOB_NAME" >> "$IM_STUB_LOG"
`;

interface Run {
  exitCode: number;
  output: string;
  events: string[];
}

let workDir: string;
beforeAll(() => {
  requireTool('git', 'apt-get install -y git');
  requireTool('rsync', 'apt-get install -y rsync (gitlab-ci-local copies the repository with it)');
  workDir = mkdtempSync(path.join(tmpdir(), 'im-gitlab-ci-local-'));
  const bin = path.join(workDir, 'bin');
  mkdirSync(bin);
  writeFileSync(path.join(bin, 'image-manager'), STUB);
  chmodSync(path.join(bin, 'image-manager'), 0o755);
});
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** A repository with one commit whose .gitlab-ci.yml is `text`, and an origin/HEAD so main is the default branch. */
function makeRepo(name: string, text: string): string {
  const repo = path.join(workDir, name);
  mkdirSync(repo);
  const git = (...args: string[]): void => {
    execFileSync('git', args, { cwd: repo, stdio: 'pipe' });
  };
  git('init', '-q', '-b', 'main');
  writeFileSync(path.join(repo, '.gitlab-ci.yml'), text);
  git('add', '.gitlab-ci.yml');
  git('-c', 'user.email=t@example.com', '-c', 'user.name=test', 'commit', '-qm', 'pipeline');
  git('remote', 'add', 'origin', 'git@127.0.0.1:g/p.git');
  git('update-ref', 'refs/remotes/origin/main', 'HEAD');
  git('symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/main');
  return repo;
}

async function runPipeline(name: string, text: string, variables: string[] = []): Promise<Run> {
  const repo = makeRepo(name, text);
  const log = path.join(workDir, `${name}.log`);
  writeFileSync(log, '');
  const args = ['--force-shell-executor', '--no-color'];
  for (const variable of variables) args.push('--variable', variable);
  if (variables.length > 0) args.push('--ignore-predefined-vars', variables.map((v) => v.split('=')[0]).join(','));
  const env = { ...process.env, PATH: `${path.join(workDir, 'bin')}:${process.env.PATH}`, IM_STUB_LOG: log };
  try {
    const { stdout, stderr } = await run(GITLAB_CI_LOCAL, args, { cwd: repo, env, maxBuffer: 32 * 1024 * 1024 });
    return { exitCode: 0, output: stdout + stderr, events: readLog(log) };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { exitCode: failed.code ?? 1, output: `${failed.stdout}${failed.stderr}`, events: readLog(log) };
  }
}

function readLog(file: string): string[] {
  return readFileSync(file, 'utf8').split('\n').filter(Boolean);
}

const startOf = (events: string[], job: string): number => events.findIndex((line) => line.startsWith(`start ${job} `));
const endOf = (events: string[], job: string): number => events.indexOf(`end ${job}`);

function orderViolations(events: string[], ran: ReadJob[]): string[] {
  const problems: string[] = [];
  for (const job of ran) {
    const start = startOf(events, job.id);
    if (start < 0 || endOf(events, job.id) < start) problems.push(`${job.id} did not run to the end`);
    for (const need of job.needs) {
      if (!(endOf(events, need) >= 0 && endOf(events, need) < start))
        problems.push(`${job.id} started before ${need} ended`);
    }
  }
  return problems;
}

describe('gitlab-ci-local runs the generated pipeline', () => {
  it('on the default branch: every job, in FROM-graph order, then publishes', async () => {
    const result = await runPipeline('default-branch', pipeline);
    expect({ exitCode: result.exitCode, tail: result.output.slice(-2000) }).toMatchObject({ exitCode: 0 });
    expect(orderViolations(result.events, jobs)).toEqual([]);

    // Independently of the YAML's needs: the graph's own edges, per platform.
    for (const entry of summary.images) {
      for (const platform of ['linux-amd64', 'linux-arm64']) {
        for (const parent of entry.dependsOn) {
          expect(endOf(result.events, `build:${parent}:${platform}`)).toBeLessThan(
            startOf(result.events, `build:${entry.name}:${platform}`),
          );
        }
        expect(endOf(result.events, `test:${entry.name}:${platform}`)).toBeLessThan(
          startOf(result.events, `publish:${entry.name}`),
        );
      }
    }
    const starts = result.events.filter((line) => line.startsWith('start '));
    expect(starts).toHaveLength(jobs.length);
    for (const line of starts) expect(line).toMatch(/--snapshot-id pipeline-\d+/);
    expect(starts.filter((line) => line.includes(' promote '))).toHaveLength(summary.images.length);
  }, 180_000);

  it('in a merge request: builds and tests the mr-<iid> snapshot and publishes nothing', async () => {
    const result = await runPipeline('merge-request', pipeline, [
      'CI_PIPELINE_SOURCE=merge_request_event',
      'CI_MERGE_REQUEST_IID=7',
    ]);
    expect({ exitCode: result.exitCode, tail: result.output.slice(-2000) }).toMatchObject({ exitCode: 0 });
    const ran = jobs.filter((job) => job.kind !== 'publish');
    expect(orderViolations(result.events, ran)).toEqual([]);
    const starts = result.events.filter((line) => line.startsWith('start '));
    expect(starts).toHaveLength(ran.length);
    for (const line of starts) expect(line).toMatch(/--snapshot-id mr-7( |$)/);
    expect(starts.some((line) => line.includes(' promote '))).toBe(false);
  }, 180_000);

  it('written from an affected set: runs only the builds left in, and still verifies and publishes every image', async () => {
    // node changed on amd64 (fullstack is rebuilt on it); everything else was reused before the pipeline was written.
    const build = ['node linux/amd64', 'fullstack linux/amd64'];
    const reused = summary.images
      .flatMap((entry) => ['linux/amd64', 'linux/arm64'].map((p) => `${entry.name} ${p}`))
      .filter((unit) => !build.includes(unit));
    const affected = generatePipeline(summary, projectConfig(), 'gitlab', {
      affected: { set: { build: new Set(build), reused: new Set(reused) }, file: 'affected.json' },
    });
    const affectedJobs = readGitlabPipeline(affected);
    const result = await runPipeline('affected', affected);
    expect({ exitCode: result.exitCode, tail: result.output.slice(-2000) }).toMatchObject({ exitCode: 0 });
    expect(orderViolations(result.events, affectedJobs)).toEqual([]);
    const started = (kind: string) =>
      result.events
        .filter((line) => line.startsWith('start ') && line.includes(` ${kind} `))
        .map((l) => l.split(' ')[1]);
    expect(started('build').sort()).toEqual(['build:fullstack:linux-amd64', 'build:node:linux-amd64']);
    expect(started('test')).toHaveLength(summary.images.length * 2);
    expect(started('promote')).toHaveLength(summary.images.length);
  }, 180_000);

  it('fails every job, running no command, when the workflow rules set no snapshot id', async () => {
    // E.g. a parent pipeline whose own workflow rules replace the generated ones: an empty id must not mean release.
    const unset = pipeline.replace(/\nworkflow:\n(?: {2}.*\n)+/, '\nworkflow:\n  rules:\n    - when: always\n');
    expect(unset).not.toBe(pipeline);
    const result = await runPipeline('no-snapshot-id', unset);
    expect(result.exitCode).not.toBe(0);
    expect(result.output).toMatch(/SNAPSHOT_ID: parameter (null or not set|not set or null)/);
    expect(result.events).toEqual([]);
  }, 60_000);

  it('rejects a pipeline whose build needs a job of a later stage (the check is real)', async () => {
    const broken = pipeline.replace(
      /(build:node:linux-amd64:\n(?: {2}.*\n)*? {2}needs: \[generate, )build:base:linux-amd64\]/,
      '$1test:base:linux-amd64]',
    );
    expect(broken).not.toBe(pipeline);
    const result = await runPipeline('later-stage-need', broken);
    expect(result.exitCode).not.toBe(0);
    expect(result.output).toContain('is in a future stage');
    expect(result.events).toEqual([]);
  }, 60_000);
});
