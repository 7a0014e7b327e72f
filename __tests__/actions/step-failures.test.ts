/**
 * How the step actions fail: each with an `::error::` the runner shows as an annotation, a failed step, and (where
 * something ran) a job summary that says what did and did not happen.
 */
import { seededBusybox } from '../support/busybox-image';
import { busyboxProject, LAYERED_IMAGES, type BusyboxProject } from '../core/build-run/build-run-fixtures';
import { pipelineProject, pullRequestEvent, runStep } from './pipeline-fixtures';

describe('the step actions when something is wrong', () => {
  let project: BusyboxProject;

  beforeAll(async () => {
    project = await pipelineProject();
  });

  it('takes the snapshot id of a pull request from the event when the input is empty', () => {
    const run = runStep('merge-manifest', { image: 'base' }, project.root, pullRequestEvent(41));
    expect(run.code).toBe(1);
    expect(run.log).toContain(`cannot publish base:1.0-pr-41: no platform image exists`);
    expect(run.log).toMatch(/::error::failed to publish 1 of 1 tags: base:1\.0/);
    expect(run.summary).toContain('**Not published: base:1.0**');
  });

  it('fails with a suggestion for an image that is not in the catalog, building nothing', () => {
    const run = runStep(
      'build-platform',
      { image: 'ap', platform: 'linux/amd64', 'snapshot-id': 'run-1' },
      project.root,
    );
    expect(run.code).toBe(1);
    expect(run.log).toMatch(/::error::"ap" is not an image of this catalog \(did you mean "app"\?\)/);
  });

  it('reports what built and fails the step when a tag does not build', async () => {
    const broken = busyboxProject(
      await seededBusybox(),
      {
        'images/base/image.yml': LAYERED_IMAGES['images/base/image.yml'],
        'images/base/Dockerfile.mustache': LAYERED_IMAGES['images/base/Dockerfile.mustache'],
        'images/broken/image.yml': 'name: broken\ntags:\n  - name: 0.1.0\n',
        'images/broken/Dockerfile.mustache':
          'FROM {{#image}}base:1.0{{/image}}\nRUN echo failing on purpose && exit 3\n',
      },
      { platforms: ['linux/amd64'] },
    );
    const run = runStep('build-platform', { platform: 'linux/amd64' }, broken.root);
    expect(run.code).toBe(1);
    expect(run.log).toContain('::error::the linux/amd64 build failed for 1 of 2 tags');
    expect(run.summary).toContain('**1 of 2 tags did not build**: the log lists what failed and what was skipped.');
    expect(run.summary).toContain('| base | 1.0 | ✅ amd64');
    expect(run.summary).toContain('| broken | 0.1.0 | ⬜ amd64 not built |');
  }, 120_000);

  it('refuses to publish without a snapshot to promote', () => {
    const run = runStep('publish', {}, project.root);
    expect(run.code).toBe(1);
    expect(run.log).toContain('::error::publish promotes a snapshot: set the snapshot-id input');
  });
});
