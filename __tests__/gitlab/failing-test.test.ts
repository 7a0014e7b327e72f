/**
 * A failing image test stops the release: the example pipeline (docs/examples/gitlab-ci.yml) on the default
 * branch, with app's test expecting content the image does not have. The test jobs fail (their JUnit reports are
 * still kept), publish never starts, and the registry holds the snapshot but no release tag or alias.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { seededBusybox } from '../support/busybox-image';
import { busyboxCatalog, namespaceFor } from './support/busybox-catalog';
import { makeGitlabProject, REPO_ROOT, writePipeline } from './support/gitlab-project';
import { inspectRef } from './support/registry-view';
import { commandExitCodes, eventIndex, requirePipelineTools, runGitlabCiLocal } from './support/run-gitlab-ci-local';

const EXAMPLE = readFileSync(path.join(REPO_ROOT, 'docs', 'examples', 'gitlab-ci.yml'), 'utf8');

describe('the example GitLab pipeline with a failing image test', () => {
  it('fails the test jobs, keeps their reports, and publishes nothing', async () => {
    requirePipelineTools();
    const seeded = await seededBusybox();
    const registry = namespaceFor(seeded, 'failing');
    const project = makeGitlabProject(busyboxCatalog(seeded, { failingAppTest: true }));
    writePipeline(project, EXAMPLE);
    const run = await runGitlabCiLocal(project, { variables: [`CI_REGISTRY_IMAGE=${registry}`] });

    expect(run.exitCode).toBe(1);
    expect(Object.fromEntries(run.results)).toEqual({
      'image-manager-generate': 'PASS',
      'build-amd64': 'PASS',
      'build-arm64': 'PASS',
      'image-manager-merge-manifest': 'PASS',
      'sbom-amd64': 'PASS',
      'sbom-arm64': 'PASS',
      'test-amd64': 'FAIL',
      'test-arm64': 'FAIL',
    });
    expect(commandExitCodes(run)).toMatchObject({ 'test-amd64': 1, 'test-arm64': 1 });
    expect(eventIndex(run, 'start', 'image-manager-publish')).toBe(-1);

    const snapshot = /--snapshot-id (pipeline-\d+)/.exec(run.events[0].detail)?.[1];
    expect(inspectRef(`${registry}/app:2.0.0-${snapshot}`)?.platforms).toEqual(['linux/amd64', 'linux/arm64']);
    for (const released of ['app:2.0.0', 'app:2', 'base:1.0', 'base:1']) {
      expect({ released, entry: inspectRef(`${registry}/${released}`) }).toEqual({ released, entry: null });
    }

    // The failure is in GitLab's test report (kept although the job failed), naming the test that failed.
    for (const arch of ['amd64', 'arm64']) {
      const file = path.join(
        project.root,
        '.gitlab-ci-local',
        'artifacts',
        `test-${arch}`,
        'reports',
        `junit-test-${arch}.xml`,
      );
      const junit = readFileSync(file, 'utf8');
      expect(junit).toMatch(/<testsuites[^>]* failures="1"/);
      expect(junit).toMatch(/<testcase [^>]*name="[^"]*app info[^"]*"[^>]*>\s*<failure/);
    }
  }, 400_000);
});
