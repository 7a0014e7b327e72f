/**
 * The templates as GitLab reads them: included as CI/CD components (from `templates/`, as in a GitLab mirror),
 * inputs interpolated and the result validated against GitLab's CI JSON schema by gitlab-ci-local, without
 * running a job. Every step template included with its defaults alone must make a valid single-platform
 * pipeline, and a wrong input type or an invalid job must be refused (so the check is real).
 */
import { requireTool } from '../support/containers-env';
import { makeGitlabProject, writePipeline } from './support/gitlab-project';
import { listPipeline } from './support/run-gitlab-ci-local';
import { STEP_TEMPLATES } from './support/template-files';

const include = (name: string, inputs = ''): string =>
  `  - component: $CI_SERVER_FQDN/image-manager/image-manager/${name}@1\n${inputs}`;

describe('the GitLab templates under GitLab’s schema', () => {
  beforeAll(() => requireTool('git', 'apt-get install -y git'));

  it('chain with their defaults into a valid pipeline, in step order', async () => {
    const project = makeGitlabProject({});
    writePipeline(project, `include:\n${STEP_TEMPLATES.map((name) => include(name)).join('')}`);
    const list = await listPipeline(project);
    expect({ exitCode: list.exitCode, output: list.output }).toMatchObject({ exitCode: 0 });
    expect(list.output).toContain('json schema validated');
    const rows = list.output.split('\n').filter((line) => line.startsWith('image-manager-'));
    expect(rows.map((row) => row.split(/\s+/).slice(0, 2))).toEqual([
      ['image-manager-generate', '.pre'],
      ['image-manager-build', 'build'],
      ['image-manager-merge-manifest', 'test'],
      ['image-manager-sbom', 'test'],
      ['image-manager-test', 'test'],
      ['image-manager-publish', 'deploy'],
    ]);
  }, 60_000);

  it('the full pipeline template is valid on its own', async () => {
    const project = makeGitlabProject({});
    writePipeline(project, `include:\n${include('pipeline')}`);
    const list = await listPipeline(project);
    expect({ exitCode: list.exitCode, output: list.output }).toMatchObject({ exitCode: 0 });
    expect(list.output).toContain('json schema validated');
    expect(list.output).toMatch(/image-manager-pipeline +build .*\[image-manager-generate-pipeline\]/);
  }, 60_000);

  it('refuses an input of the wrong type', async () => {
    const project = makeGitlabProject({});
    writePipeline(project, `include:\n${include('generate', '    inputs:\n      runner-tags: docker\n')}`);
    const list = await listPipeline(project);
    expect(list.exitCode).not.toBe(0);
    expect(list.output).toContain('`runner-tags` input: provided value is not a array');
  }, 60_000);

  it('refuses empty runner tags, as GitLab does (so the schema check is real)', async () => {
    const project = makeGitlabProject({});
    writePipeline(project, `include:\n${include('generate', '    inputs:\n      runner-tags: []\n')}`);
    const list = await listPipeline(project);
    // gitlab-ci-local exits 0 after a schema error in --list mode: the message is the verdict.
    expect(list.output).not.toContain('json schema validated');
    expect(list.output).toContain("property 'tags' must not have fewer than 1 items at image-manager-generate.tags");
  }, 60_000);

  it('work the same without components: include:local (like include:project and include:remote) with inputs', async () => {
    const project = makeGitlabProject({});
    writePipeline(
      project,
      [
        'include:',
        '  - local: templates/generate.yml',
        '    inputs: { job-name: gen, runner-tags: [docker] }',
        '  - local: templates/build.yml',
        '    inputs: { job-name: build-arm64, needs: [gen], platform: linux/arm64, runner-tags: [arm64] }',
        '',
      ].join('\n'),
    );
    const list = await listPipeline(project);
    expect(list.output).toContain('json schema validated');
    expect(list.output).toMatch(/^build-arm64 +build .*\[gen\]/m);
  }, 60_000);
});
