/**
 * The property checker must be able to fail: each mutation of a correct pipeline breaks one rule and must be
 * reported. Without this, a checker that returned [] for everything would make the property test worthless.
 */
import { generatePipeline } from '../../../src/core/pipeline';
import { GITLAB_STAGES } from '../../../src/core/pipeline/gitlab-pipeline';
import { catalog, image, projectConfig } from './support/catalogs';
import { pipelineViolations, stageViolations } from './support/pipeline-properties';
import { readGithubWorkflow, readGitlabPipeline, type ReadJob } from './support/pipeline-reader';

const chain = catalog(image('base'), image('mid', ['base']), image('top', ['mid']), image('leaf', ['base']));
const platforms = [
  { name: 'linux/amd64', runner: 'ubuntu-24.04' },
  { name: 'linux/arm64', runner: 'ubuntu-24.04-arm' },
];
const githubJobs = (): ReadJob[] => readGithubWorkflow(generatePipeline(chain, projectConfig(), 'github'));
const byId = (jobs: ReadJob[], id: string): ReadJob => {
  const job = jobs.find((candidate) => candidate.id === id);
  if (!job) throw new Error(`no job ${id}`);
  return job;
};

describe('pipeline property checker', () => {
  it('accepts the generated pipeline', () => {
    expect(pipelineViolations(githubJobs(), chain, platforms)).toEqual([]);
  });

  it.each([
    {
      rule: 'a dropped FROM edge',
      mutate: (jobs: ReadJob[]) => {
        byId(jobs, 'build-mid-linux-arm64').needs = ['generate'];
      },
      expected: 'build-mid-linux-arm64 does not need build-base-linux-arm64',
    },
    {
      rule: 'a build waiting for another platform',
      mutate: (jobs: ReadJob[]) => byId(jobs, 'build-mid-linux-arm64').needs.push('build-base-linux-amd64'),
      expected: 'not a build of the same platform',
    },
    {
      rule: 'a build waiting for its parent’s tests (the PoC layout)',
      mutate: (jobs: ReadJob[]) => byId(jobs, 'build-top-linux-amd64').needs.push('test-mid'),
      expected: 'build-top-linux-amd64 needs test-mid',
    },
    {
      rule: 'a chain longer than the graph is deep',
      mutate: (jobs: ReadJob[]) => byId(jobs, 'build-leaf-linux-amd64').needs.push('build-top-linux-amd64'),
      expected: 'linux/amd64: longest build chain is 4 jobs, graph depth is 3',
    },
    {
      rule: 'publishing before a test',
      mutate: (jobs: ReadJob[]) => {
        const publish = byId(jobs, 'publish-mid');
        publish.needs = publish.needs.filter((need) => need !== 'test-mid');
      },
      expected: 'publish-mid does not need test-mid',
    },
    {
      rule: 'an emulated leg',
      mutate: (jobs: ReadJob[]) => {
        byId(jobs, 'test-top').legs[1].runner = 'ubuntu-24.04';
      },
      expected: 'linux/arm64 leg runs on ubuntu-24.04',
    },
    {
      rule: 'a missing leg',
      mutate: (jobs: ReadJob[]) => {
        byId(jobs, 'sbom-top').legs.pop();
      },
      expected: 'no job runs sbom|top|linux/arm64',
    },
    {
      rule: 'a need on a job that does not exist',
      mutate: (jobs: ReadJob[]) => byId(jobs, 'manifest-top').needs.push('nope'),
      expected: 'manifest-top needs unknown job nope',
    },
  ])('reports $rule', ({ mutate, expected }) => {
    const jobs = githubJobs();
    mutate(jobs);
    expect(pipelineViolations(jobs, chain, platforms).join('\n')).toContain(expected);
  });

  it('reports a GitLab need on a later stage (PoC B15)', () => {
    const jobs = readGitlabPipeline(generatePipeline(chain, projectConfig(), 'gitlab'));
    expect(stageViolations(jobs, [...GITLAB_STAGES])).toEqual([]);
    byId(jobs, 'build:mid:linux-amd64').needs.push('test:base:linux-amd64');
    expect(stageViolations(jobs, [...GITLAB_STAGES])).toEqual([
      'build:mid:linux-amd64 (stage build) needs test:base:linux-amd64 from a later stage',
    ]);
  });
});
