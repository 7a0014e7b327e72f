/**
 * Property test on 200 seeded random DAGs (1–14 images, up to 3 parents each, 1–3 platforms, names that need
 * slugging): the generated YAML, read back independently, must keep every FROM edge per platform, never make a
 * build wait for another platform, have build chains exactly as long as the graph is deep, and publish an image
 * only after all its tests and SBOMs. The seeds are fixed, so a failure is reproducible by its case number.
 */
import { generatePipeline } from '../../../src/core/pipeline';
import { DEFAULT_GITHUB_RUNNERS, DEFAULT_GITLAB_TAGS } from '../../../src/core/pipeline/ci-settings';
import { GITLAB_STAGES } from '../../../src/core/pipeline/gitlab-pipeline';
import { randomCase, shuffled } from './support/catalogs';
import { pipelineViolations, stageViolations, type ExpectedPlatform } from './support/pipeline-properties';
import { readGithubWorkflow, readGitlabPipeline } from './support/pipeline-reader';
import type { PlatformConfig } from '../../../src/core/config/types';

const SEEDS = Array.from({ length: 200 }, (_, index) => index + 1);

/** Each case is generated once per provider and shared by the tests below (YAML parsing dominates run time). */
const generated = new Map<string, string>();
function pipelineFor(seed: number, provider: 'github' | 'gitlab'): string {
  const key = `${seed}:${provider}`;
  if (!generated.has(key)) {
    const { catalog, config } = randomCase(seed);
    generated.set(key, generatePipeline(catalog, config, provider));
  }
  return generated.get(key) ?? '';
}

const githubRunners = (platforms: PlatformConfig[]): ExpectedPlatform[] =>
  platforms.map((platform) => ({
    name: platform.name,
    runner: platform.github_runner ?? DEFAULT_GITHUB_RUNNERS[platform.name],
  }));
const gitlabRunners = (platforms: PlatformConfig[]): ExpectedPlatform[] =>
  platforms.map((platform) => ({
    name: platform.name,
    runner: (platform.gitlab_tags ?? DEFAULT_GITLAB_TAGS[platform.name]).join(','),
  }));

describe('pipelines generated for random DAGs', () => {
  it.each(SEEDS)('case %i: the GitHub workflow respects the FROM graph per platform', (seed) => {
    const { catalog, config } = randomCase(seed);
    const jobs = readGithubWorkflow(pipelineFor(seed, 'github'));
    expect(pipelineViolations(jobs, catalog, githubRunners(config.platforms))).toEqual([]);
  });

  it.each(SEEDS)('case %i: the GitLab pipeline respects the FROM graph and stage order', (seed) => {
    const { catalog, config } = randomCase(seed);
    const jobs = readGitlabPipeline(pipelineFor(seed, 'gitlab'));
    expect(pipelineViolations(jobs, catalog, gitlabRunners(config.platforms))).toEqual([]);
    expect(stageViolations(jobs, [...GITLAB_STAGES])).toEqual([]);
  });

  it.each(SEEDS.slice(0, 50))('case %i: output does not depend on input order', (seed) => {
    const { catalog, config } = randomCase(seed);
    for (const provider of ['github', 'gitlab'] as const) {
      expect(generatePipeline(shuffled(catalog, seed), config, provider)).toBe(pipelineFor(seed, provider));
    }
  });

  it('the random cases cover the interesting shapes', () => {
    const cases = SEEDS.map((seed) => randomCase(seed));
    const depths = new Set(cases.map(({ catalog }) => maxDepth(catalog.images)));
    expect(Math.max(...depths)).toBeGreaterThanOrEqual(5);
    expect(cases.some(({ config }) => config.platforms.length === 3)).toBe(true);
    expect(cases.some(({ config }) => config.platforms.length === 1)).toBe(true);
    expect(cases.some(({ catalog }) => catalog.images.some((entry) => entry.dependsOn.length >= 2))).toBe(true);
    // A matrix build is visible in the text: only matrix jobs take the image from `matrix.image`.
    const matrices = SEEDS.filter((seed) =>
      /build-platform@[^\n]*\n\s+with:\n\s+image: \$\{\{ matrix\.image \}\}/.test(pipelineFor(seed, 'github')),
    );
    expect(matrices.length).toBeGreaterThan(50);
  });
});

function maxDepth(images: Array<{ name: string; dependsOn: string[] }>): number {
  const parents = new Map(images.map((entry) => [entry.name, entry.dependsOn]));
  const depth = (name: string): number => 1 + Math.max(0, ...(parents.get(name) ?? []).map(depth));
  return Math.max(...images.map((entry) => depth(entry.name)));
}
