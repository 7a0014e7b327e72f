/**
 * Security properties of every generated workflow, read from the YAML: least-privilege permissions, third-party
 * actions pinned by full SHA, no expressions in `run:`, untrusted event data only in `env:`, the token only as
 * an input, and a per-ref concurrency group that cancels only pull-request runs.
 */
import { parse } from 'yaml';
import { generatePipeline } from '../../../src/core/pipeline';
import { DEFAULT_ACTION_PINS } from '../../../src/core/pipeline/action-pins';
import { GOLDEN_CASES, randomCase } from './support/catalogs';
import { readGithubWorkflow } from './support/pipeline-reader';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const workflows = [
  ...GOLDEN_CASES.map(({ name, catalog, config }) => ({ name, text: generatePipeline(catalog, config, 'github') })),
  ...[7, 8, 9].map((seed) => {
    const { catalog, config } = randomCase(seed);
    return { name: `random-${seed}`, text: generatePipeline(catalog, config, 'github') };
  }),
];
const UNTRUSTED = /github\.(event\.|head_ref)/;

describe.each(workflows)('$name workflow security', ({ text }) => {
  const workflow = parse(text) as Json;
  const jobs = Object.entries(workflow.jobs as Record<string, Json>);
  const steps = jobs.flatMap(([, job]) => job.steps as Json[]);

  it('grants contents: read at the top and packages: write only to jobs that push', () => {
    expect(workflow.permissions).toEqual({ contents: 'read' });
    for (const job of readGithubWorkflow(text)) {
      const permissions = job.raw.permissions as Json | undefined;
      // generate pushes too: it points the snapshot tags of unchanged images at the registry's images.
      const expected = ['generate', 'build', 'manifest', 'publish'].includes(job.kind)
        ? { contents: 'read', packages: 'write' }
        : { contents: 'read', packages: 'read' };
      expect({ job: job.id, permissions }).toEqual({ job: job.id, permissions: expected });
    }
  });

  it('pins every third-party action to a full commit SHA with its version in a comment', () => {
    const ours = /^[^/]+\/[^/]+\/actions\/[a-z-]+@/;
    const foreign = steps.map((step) => String(step.uses ?? '')).filter((uses) => uses && !ours.test(uses));
    expect(foreign.length).toBeGreaterThan(0);
    for (const uses of foreign) expect(uses).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
    for (const action of Object.keys(DEFAULT_ACTION_PINS)) {
      if (text.includes(`${action}@`))
        expect(text).toMatch(new RegExp(`${action}@[0-9a-f]{40} # v\\d+\\.\\d+\\.\\d+\\n`));
    }
  });

  it('puts no expression inside a run script', () => {
    const scripts = steps.filter((step) => step.run !== undefined).map((step) => String(step.run));
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) expect(script).not.toContain('${{');
  });

  it('reads untrusted event data only in env, and the token only in with:', () => {
    const { env, jobs: jobMap, ...rest } = workflow;
    expect(JSON.stringify(env)).toMatch(UNTRUSTED);
    for (const [, job] of Object.entries(jobMap as Record<string, Json>)) {
      const { if: condition, ...body } = job;
      // A job condition may compare refs; it never reaches a shell.
      expect(String(condition ?? '')).not.toMatch(/github\.event\.(pull_request|issue|comment|head_commit)/);
      expect(JSON.stringify(body)).not.toMatch(UNTRUSTED);
    }
    expect(JSON.stringify(rest)).not.toMatch(UNTRUSTED);
    for (const step of steps) {
      const { with: inputs, ...others } = step;
      expect(JSON.stringify(others)).not.toContain('secrets.');
      for (const [name, value] of Object.entries((inputs ?? {}) as Json)) {
        if (String(value).includes('secrets.'))
          expect({ name, value }).toEqual({ name: 'token', value: '${{ secrets.GITHUB_TOKEN }}' });
      }
    }
    expect(text).not.toMatch(/gh[pousr]_[A-Za-z0-9]{20,}/);
  });

  it('uses one concurrency group per ref and cancels only pull-request runs', () => {
    expect(workflow.concurrency).toEqual({
      group: '${{ github.workflow }}-${{ github.ref }}',
      'cancel-in-progress': "${{ github.event_name == 'pull_request' }}",
    });
  });

  it('publishes only from the default branch, never for a pull request', () => {
    const publishing = readGithubWorkflow(text).filter((job) => job.kind === 'publish');
    expect(publishing.length).toBeGreaterThan(0);
    for (const job of publishing) {
      expect(job.raw.if).toBe(
        "${{ !failure() && !cancelled() && github.event_name != 'pull_request' && github.ref == format('refs/heads/{0}', github.event.repository.default_branch) }}",
      );
    }
    expect(workflow.env.SNAPSHOT_ID).toContain("format('pr-{0}', github.event.pull_request.number)");
  });
});
