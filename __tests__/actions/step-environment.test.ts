/** What every registry-facing action does first: the snapshot id, the push registry and the token for the core. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { registryOverride } from '../../src/actions/shared/github-registry';
import { snapshotIdFor } from '../../src/actions/shared/github-snapshot';
import { prepareStep } from '../../src/actions/shared/step-environment';
import { loadCatalog } from '../../src/core/generate/load-catalog';
import { ciCredentials } from '../../src/core/registry/ci-credentials';
import { OperationError } from '../../src/core/shared/errors';
import { silentLogger } from '../../src/core/shared/logger';
import { clearRegisteredSecrets, redact } from '../../src/core/shared/redact';
import { makeProject } from '../support/project-fixture';

function eventFile(payload: unknown): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'im-event-')), 'event.json');
  writeFileSync(file, typeof payload === 'string' ? payload : JSON.stringify(payload));
  return file;
}

describe('snapshotIdFor', () => {
  const pr = eventFile({ action: 'synchronize', number: 42, pull_request: { number: 42 } });
  const push = eventFile({ ref: 'refs/heads/main' });
  it.each<[string, string | undefined, NodeJS.ProcessEnv, string | undefined]>([
    ['the input wins', 'run-9', { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: pr }, 'run-9'],
    [
      'a pull request gives pr-<number>',
      undefined,
      { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: pr },
      'pr-42',
    ],
    [
      'so does pull_request_target',
      undefined,
      { GITHUB_EVENT_NAME: 'pull_request_target', GITHUB_EVENT_PATH: pr },
      'pr-42',
    ],
    ['a push is a release build', undefined, { GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: push }, undefined],
    ['outside GitHub there is none', undefined, {}, undefined],
    [
      'a payload without a number gives none',
      undefined,
      { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: push },
      undefined,
    ],
  ])('%s', (_name, input, env, expected) => {
    expect(snapshotIdFor(input, env)).toBe(expected);
  });

  it('fails on an unreadable payload instead of building a release by mistake', () => {
    const env = { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: eventFile('{not json') };
    expect(() => snapshotIdFor(undefined, env)).toThrow(OperationError);
    expect(() => snapshotIdFor(undefined, env)).toThrow(/cannot read the event payload .*event\.json/);
  });
});

describe('registryOverride', () => {
  const none = makeProject({ 'images/.keep': '' });
  const declared = makeProject({ '.image-manager.yml': 'registries:\n  - url: registry.example.com/team\n' });
  const local = makeProject({ '.image-manager.yml': 'registry:\n  url: 127.0.0.1:5050\n' });
  it.each<[string, string, string | undefined, NodeJS.ProcessEnv, string | undefined]>([
    ['the input wins over everything', declared, 'quay.io/acme', { IMAGE_MANAGER_REGISTRY: 'x.io/y' }, 'quay.io/acme'],
    [
      'a workflow-wide IMAGE_MANAGER_REGISTRY is left alone',
      none,
      undefined,
      { IMAGE_MANAGER_REGISTRY: 'x.io/y', GITHUB_REPOSITORY_OWNER: 'Acme' },
      undefined,
    ],
    ['the registry the project declares is kept', declared, undefined, { GITHUB_REPOSITORY_OWNER: 'Acme' }, undefined],
    [
      'no registry: ghcr.io/<owner>, lowercased',
      none,
      undefined,
      { GITHUB_REPOSITORY_OWNER: 'Acme-Corp' },
      'ghcr.io/acme-corp',
    ],
    ['the owner from GITHUB_REPOSITORY', none, undefined, { GITHUB_REPOSITORY: 'Octo/images' }, 'ghcr.io/octo'],
    [
      'the embedded registry counts as none (it dies with the job)',
      local,
      undefined,
      { GITHUB_REPOSITORY_OWNER: 'acme' },
      'ghcr.io/acme',
    ],
    ['outside GitHub nothing changes', none, undefined, {}, undefined],
  ])('%s', async (_name, root, input, env, expected) => {
    expect(await registryOverride(root, env, input)).toBe(expected);
  });
});

describe('prepareStep', () => {
  afterEach(() => clearRegisteredSecrets());

  it('hands the core a registry and a ghcr.io token without changing process.env', async () => {
    const root = makeProject({
      'images/app/image.yml': 'name: app\ntags:\n  - name: 1.0.0\n',
      'images/app/Dockerfile.mustache': 'FROM scratch\n',
    });
    const token = 'ghs_secretTokenValue123';
    const before = { ...process.env };
    const step = await prepareStep(
      { workingDirectory: root, token },
      { GITHUB_REPOSITORY_OWNER: 'Acme', GITHUB_ACTOR: 'octocat', PATH: '/usr/bin' },
    );
    expect(process.env).toEqual(before);
    expect(step).toMatchObject({ root, snapshotId: undefined, registry: 'ghcr.io/acme' });
    expect(step.env).toMatchObject({ IMAGE_MANAGER_REGISTRY: 'ghcr.io/acme', GITHUB_TOKEN: token, PATH: '/usr/bin' });
    expect(redact(`pushing with ${token}`)).toBe('pushing with ***');
    const catalog = await loadCatalog({ root, env: step.env, logger: silentLogger });
    expect(catalog.images[0].tags[0].ref).toBe('ghcr.io/acme/app:1.0.0');
    const credentials = await ciCredentials(step.env).credentialsFor('ghcr.io');
    expect(credentials).toBeDefined();
    expect(await ciCredentials(step.env).credentialsFor('registry.example.com')).toBeUndefined();
  });

  it('leaves out what was not given', async () => {
    const root = makeProject({ '.image-manager.yml': 'registries:\n  - url: registry.example.com/team\n' });
    const step = await prepareStep({ workingDirectory: root, snapshotId: 'mr-3' }, { PATH: '/usr/bin' });
    expect(step.env).toEqual({ PATH: '/usr/bin' });
    expect(step).toMatchObject({ snapshotId: 'mr-3', registry: undefined });
  });
});
