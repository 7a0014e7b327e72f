/**
 * `generate-ci --provider gitlab --affected FILE`: the build jobs of the platform images the affected set lists as
 * reused are left out, with every need on them; everything else stays, and the pipeline keeps every structural
 * rule. Without --affected nothing changes.
 */
import { generatePipeline } from '../../../src/core/pipeline';
import { parseAffectedSet, type AffectedSet } from '../../../src/core/pipeline/affected-set';
import { GITLAB_STAGES } from '../../../src/core/pipeline/gitlab-pipeline';
import { UsageError } from '../../../src/core/shared/errors';
import { catalog, image, projectConfig, randomCase } from './support/catalogs';
import { stageViolations } from './support/pipeline-properties';
import { readGitlabPipeline, type ReadJob } from './support/pipeline-reader';

const PLATFORMS = ['linux/amd64', 'linux/arm64'];
// base → node, python → fullstack, plus the leaf curl.
const diamond = catalog(
  image('base'),
  image('node', ['base']),
  image('python', ['base']),
  image('fullstack', ['node', 'python']),
  image('curl', ['base']),
);
const units = (names: string[], platforms = PLATFORMS) => names.flatMap((name) => platforms.map((p) => `${name} ${p}`));
const ALL = units(diamond.images.map((entry) => entry.name));

function affected(build: string[], reused = ALL.filter((unit) => !build.includes(unit))): AffectedSet {
  return { build: new Set(build), reused: new Set(reused) };
}

function pipeline(set: AffectedSet | undefined, summary = diamond): { text: string; jobs: ReadJob[] } {
  const options = set ? { affected: { set, file: 'image-manager-affected.json' } } : {};
  const text = generatePipeline(summary, projectConfig(), 'gitlab', options);
  return { text, jobs: readGitlabPipeline(text) };
}

const needsOf = (jobs: ReadJob[], id: string): string[] | undefined => jobs.find((job) => job.id === id)?.needs;
const builds = (jobs: ReadJob[]) => jobs.filter((job) => job.kind === 'build').map((job) => job.id);

describe('a GitLab pipeline written from an affected set', () => {
  it('keeps every build job without one (a committed pipeline)', () => {
    expect(builds(pipeline(undefined).jobs)).toHaveLength(ALL.length);
  });

  it('keeps every build job when everything must be built, byte for byte but for the header', () => {
    const full = pipeline(affected(ALL)).text;
    expect(full).toContain('# Written for this run from its affected set: 0 build job(s)');
    const body = (text: string) => text.slice(text.indexOf('stages:'));
    expect(body(full)).toBe(body(pipeline(undefined).text));
  });

  it('leaves out every build when nothing changed; the rest waits only for generate', () => {
    const { text, jobs } = pipeline(affected([]));
    expect(builds(jobs)).toEqual([]);
    expect(text).toContain('# Written for this run from its affected set: 10 build job(s) of unchanged platform');
    for (const job of jobs.filter((candidate) => ['manifest', 'sbom', 'test'].includes(candidate.kind)))
      expect([job.id, job.needs]).toEqual([job.id, ['generate']]);
    expect(needsOf(jobs, 'publish:fullstack')).toEqual([
      'generate',
      'manifest:fullstack',
      'sbom:fullstack:linux-amd64',
      'sbom:fullstack:linux-arm64',
      'test:fullstack:linux-amd64',
      'test:fullstack:linux-arm64',
    ]);
    expect(jobs.filter((job) => job.kind === 'publish')).toHaveLength(diamond.images.length);
  });

  it('drops exactly the needs on left-out builds', () => {
    // node changed on amd64 only: it builds on the reused base from the registry; fullstack is rebuilt on it.
    const { jobs } = pipeline(affected(['node linux/amd64', 'fullstack linux/amd64']));
    expect(builds(jobs)).toEqual(['build:node:linux-amd64', 'build:fullstack:linux-amd64']);
    expect(needsOf(jobs, 'build:node:linux-amd64')).toEqual(['generate']);
    expect(needsOf(jobs, 'build:fullstack:linux-amd64')).toEqual(['generate', 'build:node:linux-amd64']);
    expect(needsOf(jobs, 'manifest:node')).toEqual(['generate', 'build:node:linux-amd64']);
    expect(needsOf(jobs, 'test:node:linux-arm64')).toEqual(['generate']);
    expect(needsOf(jobs, 'test:node:linux-amd64')).toEqual(['generate', 'build:node:linux-amd64']);
  });

  it('keeps a child build waiting for its rebuilt base', () => {
    const { jobs } = pipeline(affected(units(['base', 'node', 'python', 'fullstack', 'curl'], ['linux/arm64'])));
    expect(needsOf(jobs, 'build:fullstack:linux-arm64')).toEqual([
      'generate',
      'build:node:linux-arm64',
      'build:python:linux-arm64',
    ]);
    expect(builds(jobs).every((id) => id.endsWith(':linux-arm64'))).toBe(true);
  });

  it('builds what the file does not mention: only a unit listed as reused is left out', () => {
    const { jobs } = pipeline(affected([], ['base linux/amd64']));
    expect(builds(jobs)).toHaveLength(ALL.length - 1);
    expect(builds(jobs)).not.toContain('build:base:linux-amd64');
    // Listed in both: build wins.
    expect(builds(pipeline(affected(['curl linux/amd64'], ALL)).jobs)).toEqual(['build:curl:linux-amd64']);
  });

  it.each([11, 12, 13, 14, 15])(
    'random catalog %i: needs resolve and stages stay ordered for any affected set',
    (seed) => {
      const { catalog: summary, config } = randomCase(seed);
      const all = summary.images.flatMap((entry) => config.platforms.map((p) => `${entry.name} ${p.name}`));
      const build = all.filter((_, index) => (index * 7 + seed) % 3 === 0);
      const text = generatePipeline(summary, config, 'gitlab', {
        affected: { set: affected(build, all), file: 'affected.json' },
      });
      const jobs = readGitlabPipeline(text);
      const names = new Set(jobs.map((job) => job.id));
      for (const job of jobs)
        for (const need of job.needs) expect([job.id, need, names.has(need)]).toEqual([job.id, need, true]);
      expect(stageViolations(jobs, [...GITLAB_STAGES])).toEqual([]);
      const built = jobs
        .filter((job) => job.kind === 'build')
        .map((job) => `${job.legs[0].image} ${job.legs[0].platform}`);
      expect(built.sort()).toEqual([...build].sort());
    },
  );

  it('refuses an affected set naming what the catalog does not build', () => {
    const call = () => pipeline(affected(['lua linux/amd64', 'base linux/s390x']));
    expect(call).toThrow(UsageError);
    expect(call).toThrow(
      'image-manager-affected.json names platform images the catalog does not build (base linux/s390x, lua linux/amd64)',
    );
  });

  it('is refused for GitHub: the workflow decides at run time', () => {
    expect(() =>
      generatePipeline(diamond, projectConfig(), 'github', { affected: { set: affected([]), file: 'a.json' } }),
    ).toThrow(/--affected is for GitLab pipelines only: the GitHub workflow decides at run time/);
  });
});

describe('parseAffectedSet', () => {
  it('reads the file build --reuse-only --affected-file writes', () => {
    const set = parseAffectedSet(
      JSON.stringify({ version: 1, build: ['tools/jq linux/arm64'], reused: ['base linux/amd64'] }),
      'a.json',
    );
    expect([...set.build]).toEqual(['tools/jq linux/arm64']);
    expect([...set.reused]).toEqual(['base linux/amd64']);
  });

  it.each([
    { what: 'not JSON', text: '{', message: /^a\.json is not JSON/ },
    {
      what: 'another version',
      text: '{"version": 2, "build": [], "reused": []}',
      message: /not an affected set of version 1/,
    },
    { what: 'a list', text: '[]', message: /not an affected set of version 1/ },
    { what: 'null', text: 'null', message: /not an affected set of version 1/ },
    {
      what: 'no reused list',
      text: '{"version": 1, "build": []}',
      message: /"reused" must be a list of "<image> <platform>"/,
    },
    {
      what: 'a unit without a platform',
      text: '{"version": 1, "build": ["base"], "reused": []}',
      message: /"build" must be/,
    },
  ])('refuses $what with a usage error and a hint', ({ text, message }) => {
    const call = () => parseAffectedSet(text, 'a.json');
    expect(call).toThrow(UsageError);
    expect(call).toThrow(message);
    expect(call).toThrow(/image-manager build --reuse-only --affected-file FILE/);
  });
});
