/**
 * actions/generate with `affected: true`, as the generated workflow's generate job runs it: after generating, it
 * runs `build --reuse-only` against the real registry, points the snapshot tags of unchanged platform images at the
 * registry's images and outputs `build`, the `<image> <platform>` units the build jobs' conditions look for.
 * Without it, `build` lists every unit (nothing was checked, so everything builds).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { registryManifest } from '../core/build/build-fixtures';
import {
  buildEnv,
  busyboxProject,
  imageManager,
  LAYERED_IMAGES,
  type BusyboxProject,
} from '../core/build-run/build-run-fixtures';
import { seededBusybox } from '../support/busybox-image';
import { requireTool } from '../support/containers-env';
import { ACTIONS_DIR, runAction, type ActionRun } from '../support/github-runner';
import { copyExampleCatalog } from '../support/project-fixture';
import { jobWorkspace, TOKEN } from './pipeline-fixtures';

const action = path.join(ACTIONS_DIR, 'generate');

function generate(workspace: string, inputs: Record<string, string>): ActionRun {
  const run = runAction(action, { token: TOKEN, ...inputs }, { workspace, env: buildEnv() });
  // Masked before anything could print it, and printed nowhere else.
  expect(run.log).toContain(`::add-mask::${TOKEN}`);
  expect(run.log.split(TOKEN)).toHaveLength(2);
  return run;
}

/** The project is a git repository of its own, as a checkout is (builds record its commit). */
function commit(root: string): void {
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=tests', '-c', 'user.email=tests@example.com', ...args], {
      cwd: root,
      env: { ...process.env, GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z', GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z' },
      stdio: 'ignore',
    });
  if (!existsSync(path.join(root, '.git'))) git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'the catalog');
}

describe('actions/generate without affected', () => {
  it('outputs every image on every platform as `build`', () => {
    const run = runAction(action, { 'snapshot-id': 'pr-7' }, { workspace: copyExampleCatalog() });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.outputs.build)).toEqual(
      ['base', 'image-manager', 'lua', 'luacheck'].flatMap((image) => [`${image} linux/amd64`, `${image} linux/arm64`]),
    );
    expect(run.summary).not.toContain('What this run builds');
  });
});

describe('actions/generate with affected: true, against the registry', () => {
  let project: BusyboxProject;

  beforeAll(async () => {
    requireTool('buildah', 'apt-get install buildah');
    requireTool('skopeo', 'apt-get install skopeo');
    project = busyboxProject(await seededBusybox(), LAYERED_IMAGES, { platforms: ['linux/amd64'] });
    commit(project.root);
  }, 120_000);

  it('builds everything the registry does not have yet', () => {
    const run = generate(jobWorkspace(project.root), { 'snapshot-id': 'pr-1', affected: 'true' });
    expect(run.log).not.toMatch(/::error/);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.outputs.build)).toEqual(['app linux/amd64', 'base linux/amd64']);
    expect(run.summary).toContain('**To build** (2): `app linux/amd64`, `base linux/amd64`');
  });

  it('reuses what the registry has from the same inputs, re-pointing the snapshot tags, and builds what changed', async () => {
    // The release images, as a default-branch run would have left them.
    const built = await imageManager(['build', '--platform', 'linux/amd64'], { cwd: jobWorkspace(project.root) });
    expect(built.code).toBe(0);

    const unchanged = generate(jobWorkspace(project.root), { 'snapshot-id': 'pr-2', affected: 'true' });
    expect(unchanged.code).toBe(0);
    expect(JSON.parse(unchanged.outputs.build)).toEqual([]);
    expect(unchanged.summary).toContain('**Reused** (2, unchanged inputs');
    for (const tag of ['base:1.0', 'app:2.0.0', 'app:2.0.0-extra']) {
      expect(registryManifest(`${project.registry}/${tag}-pr-2-linux-amd64`).digest).toBe(
        registryManifest(`${project.registry}/${tag}-linux-amd64`).digest,
      );
    }

    // A changed child: only it builds; its base stays reused.
    writeFileSync(
      path.join(project.root, 'images/app/Dockerfile.mustache'),
      'FROM {{#image}}base:1.0{{/image}}\nRUN cat /base-info > /app-info && echo changed >> /app-info\n',
    );
    commit(project.root);
    const changed = generate(jobWorkspace(project.root), { 'snapshot-id': 'pr-3', affected: 'true' });
    expect(changed.code).toBe(0);
    expect(JSON.parse(changed.outputs.build)).toEqual(['app linux/amd64']);
    expect(registryManifest(`${project.registry}/base:1.0-pr-3-linux-amd64`).digest).toBe(
      registryManifest(`${project.registry}/base:1.0-linux-amd64`).digest,
    );
  }, 300_000);
});
