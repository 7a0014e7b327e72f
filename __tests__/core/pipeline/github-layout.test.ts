import { layoutGithubJobs } from '../../../src/core/pipeline/github-layout';
import { buildJobGraph } from '../../../src/core/pipeline/job-graph';
import { catalog, image } from './support/catalogs';

const PLATFORMS = ['linux/amd64', 'linux/arm64'];
const layout = (images: ReturnType<typeof image>[], platforms = PLATFORMS, maxLegs?: number) =>
  layoutGithubJobs(buildJobGraph(catalog(...images), platforms), maxLegs);

describe('layoutGithubJobs', () => {
  it('gives images with dependents their own build job per platform and groups leaves with the same parents', () => {
    const jobs = layout([
      image('base'),
      image('py', ['base']),
      image('app', ['py']),
      image('curl', ['base']),
      image('jq', ['base']),
      image('other'),
      image('lonely'),
    ]);
    const builds = jobs.filter((job) => job.kind === 'build' && job.platforms[0] === 'linux/arm64');
    expect(builds.map((job) => [job.id, job.images, job.needs])).toEqual([
      ['build-base-linux-arm64', ['base'], ['generate']],
      ['build-standalone-linux-arm64', ['lonely', 'other'], ['generate']],
      ['build-on-base-linux-arm64', ['curl', 'jq'], ['generate', 'build-base-linux-arm64']],
      ['build-py-linux-arm64', ['py'], ['generate', 'build-base-linux-arm64']],
      ['build-app-linux-arm64', ['app'], ['generate', 'build-py-linux-arm64']],
    ]);
  });

  it('fans sbom and test out over images × platforms, and publishes after manifest, sboms and tests', () => {
    const jobs = layout([image('base'), image('curl', ['base']), image('jq', ['base'])]);
    const byId = new Map(jobs.map((job) => [job.id, job]));
    expect(byId.get('test-on-base')).toMatchObject({
      images: ['curl', 'jq'],
      platforms: PLATFORMS,
      needs: ['build-on-base-linux-amd64', 'build-on-base-linux-arm64'],
    });
    expect(byId.get('test-on-base')?.tasks).toHaveLength(4);
    expect(byId.get('publish-on-base')?.needs).toEqual(['manifest-on-base', 'sbom-on-base', 'test-on-base']);
  });

  it('splits a group so no matrix has more legs than allowed', () => {
    const leaves = Array.from({ length: 7 }, (_, index) => image(`leaf${index}`, ['base']));
    const jobs = layout([image('base'), ...leaves], PLATFORMS, 6);
    const tests = jobs.filter((job) => job.kind === 'test');
    expect(tests.map((job) => [job.id, job.tasks.length])).toEqual([
      ['test-base', 2],
      ['test-on-base-1', 6],
      ['test-on-base-2', 6],
      ['test-on-base-3', 2],
    ]);
    expect(jobs.find((job) => job.id === 'build-on-base-3-linux-amd64')?.images).toEqual(['leaf6']);
  });

  it('keeps job ids unique when an image is named like a group', () => {
    const jobs = layout([image('base'), image('on-base'), image('a', ['base']), image('b', ['base'])]);
    expect(new Set(jobs.map((job) => job.id)).size).toBe(jobs.length);
  });
});
