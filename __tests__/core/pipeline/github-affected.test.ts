/**
 * The generated GitHub workflow builds only what changed: the generate job outputs the affected units, a build
 * job runs only for its own units, and everything after the builds still runs for unchanged images — but never
 * after a failure. Checked by simulating GitHub's job rules on the generated YAML (support/github-run-simulation).
 */
import { parse } from 'yaml';
import { generatePipeline } from '../../../src/core/pipeline';
import { catalog, GOLDEN_CASES, image, projectConfig, randomCase } from './support/catalogs';
import { simulateGithubRun, type Outcome } from './support/github-run-simulation';
import { readGithubWorkflow } from './support/pipeline-reader';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const diamond = GOLDEN_CASES.find((entry) => entry.name === 'diamond');
if (!diamond) throw new Error('the diamond golden case is missing');
const text = generatePipeline(diamond.catalog, diamond.config, 'github');
const jobs = readGithubWorkflow(text);
const PLATFORMS = ['linux/amd64', 'linux/arm64'];
const ALL_UNITS = diamond.catalog.images.flatMap((entry) => PLATFORMS.map((p) => `${entry.name} ${p}`));

const ran = (outcomes: Record<string, Outcome>, kind?: string) =>
  jobs
    .filter((job) => (kind ? job.kind === kind : true) && outcomes[job.id] !== 'skipped')
    .map((job) => job.id)
    .sort();
const idsOf = (kind: string) =>
  jobs
    .filter((job) => job.kind === kind)
    .map((job) => job.id)
    .sort();

describe('the generate job of a generated GitHub workflow', () => {
  const generate = (parse(text) as Json).jobs.generate as Json;
  const step = (generate.steps as Json[]).find((candidate) => String(candidate.uses).includes('/actions/generate@'));

  it('computes the affected set with the token and outputs what to build', () => {
    expect(step).toMatchObject({
      id: 'generate',
      with: { 'snapshot-id': '${{ env.SNAPSHOT_ID }}', affected: 'true', token: '${{ secrets.GITHUB_TOKEN }}' },
    });
    expect(generate.outputs).toEqual({ build: '${{ steps.generate.outputs.build }}' });
    expect(generate.permissions).toEqual({ contents: 'read', packages: 'write' });
    expect(generate.if).toBeUndefined();
  });
});

describe('build job conditions', () => {
  it.each([
    ...GOLDEN_CASES.map(({ name, catalog: summary, config }) => ({ name, summary, config })),
    ...[21, 22, 23].map((seed) => ({ name: `random-${seed}`, ...randomCase(seed), summary: randomCase(seed).catalog })),
  ])('$name: each build job names exactly its own image/platform units', ({ summary, config }) => {
    const read = readGithubWorkflow(generatePipeline(summary, config, 'github'));
    for (const job of read.filter((candidate) => candidate.kind === 'build')) {
      const units = job.legs.map((leg) => `${leg.image} ${leg.platform}`).sort();
      const named = [...String(job.raw.if).matchAll(/needs\.generate\.outputs\.build\), '([^']*)'\)/g)].map(
        (m) => m[1],
      );
      expect({ job: job.id, named: named.sort() }).toEqual({ job: job.id, named: units });
      expect(job.needs).toContain('generate');
      expect(String(job.raw.if)).toMatch(/^\$\{\{ !failure\(\) && !cancelled\(\) && /);
    }
    for (const job of read.filter((candidate) => !['generate', 'build'].includes(candidate.kind))) {
      expect({ job: job.id, if: String(job.raw.if) }).toEqual({
        job: job.id,
        if: expect.stringMatching(/^\$\{\{ !failure\(\) && !cancelled\(\)( && .*)? \}\}$/),
      });
    }
  });
});

describe('a run of the generated workflow (GitHub job rules, simulated)', () => {
  it('builds nothing when nothing changed, and still merges, scans, tests and publishes every image', () => {
    const outcomes = simulateGithubRun(text, { build: [], release: true });
    expect(ran(outcomes, 'build')).toEqual([]);
    for (const kind of ['manifest', 'sbom', 'test', 'publish']) expect(ran(outcomes, kind)).toEqual(idsOf(kind));
  });

  it('builds everything when everything changed', () => {
    const outcomes = simulateGithubRun(text, { build: ALL_UNITS, release: true });
    expect(Object.values(outcomes).every((outcome) => outcome === 'success')).toBe(true);
  });

  it.each([
    { changed: ['fullstack linux/amd64'], builds: ['build-fullstack-linux-amd64'] },
    {
      // A changed base is rebuilt with its children: the affected set already says so (build --reuse-only).
      changed: ['node linux/arm64', 'fullstack linux/arm64'],
      builds: ['build-fullstack-linux-arm64', 'build-node-linux-arm64'],
    },
    // One changed leaf of a matrix group runs that group's job for its platform only.
    { changed: ['tools/jq linux/arm64'], builds: ['build-on-base-linux-arm64'] },
    { changed: ['curl linux/amd64', 'tools/jq linux/amd64'], builds: ['build-on-base-linux-amd64'] },
  ])('runs only the build jobs of $changed', ({ changed, builds }) => {
    const outcomes = simulateGithubRun(text, { build: changed, release: true });
    expect(ran(outcomes, 'build')).toEqual(builds);
    expect(ran(outcomes, 'publish')).toEqual(idsOf('publish'));
  });

  it('never publishes an image whose build or test failed, nor anything built on a failed build', () => {
    const failedBuild = simulateGithubRun(text, {
      build: ['node linux/amd64', 'fullstack linux/amd64'],
      failing: ['build-node-linux-amd64'],
      release: true,
    });
    expect(failedBuild['build-fullstack-linux-amd64']).toBe('skipped');
    for (const job of ['manifest-node', 'test-node', 'publish-node', 'manifest-fullstack', 'publish-fullstack'])
      expect([job, failedBuild[job]]).toEqual([job, 'skipped']);
    expect(failedBuild['publish-python']).toBe('success');

    const failedTest = simulateGithubRun(text, { build: [], failing: ['test-python'], release: true });
    expect(failedTest['publish-python']).toBe('skipped');
    expect(failedTest['publish-fullstack']).toBe('success');
  });

  it('publishes nothing for a pull request, changed or not', () => {
    for (const build of [[], ALL_UNITS]) {
      const outcomes = simulateGithubRun(text, { build, release: false });
      expect(ran(outcomes, 'publish')).toEqual([]);
      expect(ran(outcomes, 'test')).toEqual(idsOf('test'));
    }
  });

  it('skips everything after a failed generate job', () => {
    const outcomes = simulateGithubRun(text, { build: ALL_UNITS, failing: ['generate'], release: true });
    expect(ran(outcomes)).toEqual(['generate']);
  });
});

describe('the simulation', () => {
  it('models the rule the conditions are there for: a skipped need skips a job without a status check', () => {
    const plain = text.replace(/\n {4}if: \$\{\{ !failure\(\) && !cancelled\(\) \}\}/g, '');
    expect(plain).not.toBe(text);
    const outcomes = simulateGithubRun(plain, { build: [], release: true });
    expect(ran(outcomes, 'manifest')).toEqual([]);
    expect(ran(outcomes, 'test')).toEqual([]);
  });

  it('refuses a condition it does not understand', () => {
    const odd = generatePipeline(catalog(image('base')), projectConfig(), 'github').replace('!cancelled()', 'always()');
    expect(() => simulateGithubRun(odd, { build: [], release: true })).toThrow(/cannot evaluate "always\(\)/);
  });
});
