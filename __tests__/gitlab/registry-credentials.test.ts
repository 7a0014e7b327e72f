/**
 * The templates' registry defaults on a registry that requires a login, as GitLab hands it to every job:
 * IMAGE_MANAGER_REGISTRY defaults to $CI_REGISTRY_IMAGE and the CLI logs in with CI_REGISTRY_USER and
 * CI_REGISTRY_PASSWORD for $CI_REGISTRY, with nothing configured in the project. app is built FROM base in that
 * registry, so the builder pulls with the same credentials. The password never shows in a job log.
 */
import { randomBytes } from 'node:crypto';
import { seededBusybox } from '../support/busybox-image';
import { startHtpasswdRegistry } from '../support/htpasswd-registry';
import { busyboxCatalog } from './support/busybox-catalog';
import { makeGitlabProject, writePipeline } from './support/gitlab-project';
import { inspectRef } from './support/registry-view';
import { expectSuccess, requirePipelineTools, runGitlabCiLocal } from './support/run-gitlab-ci-local';

const PIPELINE = ['generate', 'build', 'merge-manifest']
  .map((name) => `  - component: $CI_SERVER_FQDN/image-manager/image-manager/${name}@1\n`)
  .join('');

describe('the GitLab templates with the job’s CI_REGISTRY_* credentials', () => {
  it('push to $CI_REGISTRY_IMAGE behind a login, with nothing configured, and log no password', async () => {
    requirePipelineTools();
    const seeded = await seededBusybox();
    const password = `pw-${randomBytes(12).toString('hex')}`;
    const registry = await startHtpasswdRegistry('gitlab-ci-token', password);
    const image = `${registry.address}/group/project`;
    const project = makeGitlabProject(busyboxCatalog(seeded, { platforms: ['linux/amd64'] }));
    writePipeline(project, `include:\n${PIPELINE}`);
    const run = await runGitlabCiLocal(project, {
      variables: [
        `CI_REGISTRY=${registry.address}`,
        `CI_REGISTRY_IMAGE=${image}`,
        'CI_REGISTRY_USER=gitlab-ci-token',
        `CI_REGISTRY_PASSWORD=${password}`,
      ],
    });

    expectSuccess(run);
    const snapshot = /--snapshot-id (\S+)/.exec(run.events[0].detail)?.[1];
    expect(inspectRef(`${image}/app:2.0.0-${snapshot}`, `gitlab-ci-token:${password}`)?.platforms).toEqual([
      'linux/amd64',
    ]);
    expect(() => inspectRef(`${image}/app:2.0.0-${snapshot}`)).toThrow(/unauthorized|authentication required/i);
    expect(run.output).not.toContain(password);
  }, 300_000);
});
