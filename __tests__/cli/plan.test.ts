/**
 * `image-manager plan` against a real registry with real builds: a catalog built once (base → app and its
 * variant), then plans for an unchanged catalog, a changed Dockerfile, a new tag taking over an alias, a snapshot,
 * and the errors (stale dist/, unreachable registry, bad options). plan must never write to the registry.
 */
import { existsSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { planCommand } from '../../src/cli/commands/plan';
import { generateCommand } from '../../src/cli/commands/generate';
import { LOCK_FILE } from '../../src/core/incremental/upstream-lock';
import type { PublishPlan, TagPlan } from '../../src/core/plan/plan-types';
import { parseReference, RegistryClient } from '../../src/core/registry';
import { seededBusybox } from '../support/busybox-image';
import { requireTool } from '../support/containers-env';
import { runCommands } from '../support/run-cli';
import { freePort } from '../support/test-registry';
import {
  buildEnv,
  busyboxProject,
  editFile,
  imageManager,
  type BusyboxProject,
  type CliRun,
} from '../core/build-run/build-run-fixtures';

const IMAGES: Record<string, string> = {
  'images/base/image.yml': "name: base\nis_base_image: true\ntags:\n  - name: '1.0'\n",
  'images/base/Dockerfile.mustache': 'FROM busybox:latest\nRUN echo "base {{tag}}" > /base-info\n',
  'images/app/image.yml': 'name: app\ntags:\n  - name: 2.0.0\nvariants:\n  - name: extra\n    tag_suffix: -extra\n',
  'images/app/Dockerfile.mustache': 'FROM {{#image}}base:1.0{{/image}}\nRUN cat /base-info > /app-info\n',
  'images/app/Dockerfile.extra.mustache': 'FROM {{base_image}}\nRUN echo extra > /extra\n',
};

/** `image-manager plan …` (and generate) in-process. */
function plan(args: string[], cwd: string): Promise<CliRun> {
  return runCommands(['plan', ...args], [planCommand, generateCommand], { cwd, env: buildEnv() });
}

async function planJson(cwd: string, ...args: string[]): Promise<PublishPlan> {
  const run = await plan(['--format', 'json', ...args], cwd);
  expect({ code: run.code, stderr: run.code === 0 ? '' : run.stderr }).toEqual({ code: 0, stderr: '' });
  return JSON.parse(run.stdout) as PublishPlan;
}

function tagOf(result: PublishPlan, name: string): TagPlan {
  const found = result.tags.find((t) => `${t.image}:${t.tag}` === name);
  if (!found)
    throw new Error(`${name} is not in the plan: ${result.tags.map((t) => `${t.image}:${t.tag}`).join(', ')}`);
  return found;
}

describe('image-manager plan', () => {
  let project: BusyboxProject;
  const client = new RegistryClient();
  /** Every tag of the project's repositories with its digest: what plan must leave exactly as it is. */
  const registryTags = async (): Promise<Record<string, string>> => {
    const tags: Record<string, string> = {};
    for (const image of ['base', 'app']) {
      const repository = parseReference(`${project.registry}/${image}`);
      for (const tag of (await client.listTags(repository)).sort()) {
        tags[`${image}:${tag}`] = (await client.headManifest({ ...repository, tag }))?.digest ?? '';
      }
    }
    return tags;
  };
  const regenerate = async () => expect((await imageManager(['generate'], { cwd: project.root })).code).toBe(0);

  beforeAll(async () => {
    requireTool('buildah', 'apt-get install buildah');
    project = busyboxProject(await seededBusybox(), IMAGES, { platforms: ['linux/amd64'] });
    const build = await imageManager(['build'], { cwd: project.root });
    expect({ code: build.code, stderr: build.code === 0 ? '' : build.stderr }).toEqual({ code: 0, stderr: '' });
  }, 240000);

  it('says everything is reused and every tag and alias stays, right after a build', async () => {
    const run = await plan([], project.root);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^## Publish plan\n/);
    expect(run.stdout).toContain('**Platform images:** 0 to build, 3 reused · **Tags:** 3 unchanged');
    expect(run.stdout).toContain('Nothing to build: every platform image is reused.');
    expect(run.stdout).toMatch(
      /\| `app:2\.0\.0` \| leave \| nothing rebuilt, same platform images \| `sha256:[0-9a-f]{12}…` \| amd64 reuse \|/,
    );
    expect(run.stdout).not.toMatch(/\| (move|create) \|/);
  }, 60000);

  it('prints the JSON contract, every tag and alias left at the digest the registry has', async () => {
    const before = await registryTags();
    const result = await planJson(project.root);
    expect(result).toMatchObject({
      planVersion: 1,
      registry: project.registry,
      snapshotId: null,
      platforms: ['linux/amd64'],
      unplannedPlatforms: [],
      summary: { build: 0, reuse: 3, tags: { create: 0, move: 0, leave: 3 } },
    });
    expect(result.tags.map((t) => `${t.image}:${t.tag}`)).toEqual(['base:1.0', 'app:2.0.0', 'app:2.0.0-extra']);
    for (const tag of result.tags) {
      expect(tag.digest).toBe(before[`${tag.image}:${tag.tag}`]);
      expect(tag.newDigest).toBe(tag.digest);
      expect(tag.snapshot).toBeNull();
      const [platform] = tag.platforms;
      expect(platform).toEqual({
        platform: 'linux/amd64',
        action: 'reuse',
        reasons: [],
        inputDigest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
        existing: { ref: `${tag.ref}-linux-amd64`, digest: before[`${tag.image}:${tag.tag}-linux-amd64`] },
        releaseDigest: before[`${tag.image}:${tag.tag}-linux-amd64`],
      });
      for (const alias of tag.aliases) {
        expect(alias).toMatchObject({ action: 'leave', digest: tag.digest, digestTags: [tag.tag], target: tag.tag });
      }
    }
    expect(tagOf(result, 'app:2.0.0').aliases.map((a) => a.alias)).toEqual(['2', '2.0']);
    expect(tagOf(result, 'app:2.0.0-extra').aliases.map((a) => a.alias)).toEqual(['2-extra', '2.0-extra']);
    expect(await registryTags()).toEqual(before);
  }, 60000);

  it('plans as build --force and build --pin-upstream would', async () => {
    const forced = await planJson(project.root, '--force');
    expect(forced.summary).toMatchObject({ build: 3, reuse: 0, tags: { move: 3 } });
    expect(forced.tags[0].platforms[0].reasons).toEqual(['forced (--force or --no-cache)']);
    // No lock file yet: every upstream counts with its current digest, as the build recorded it.
    const pinned = await planJson(project.root, '--pin-upstream');
    expect(pinned.summary).toMatchObject({ build: 0, reuse: 3 });
    expect(existsSync(path.join(project.root, LOCK_FILE))).toBe(false);
  }, 60000);

  it('with --snapshot-id, names the snapshot tags and plans promotion onto the unchanged release tags', async () => {
    // A snapshot pipeline generates its dist/ with the id; plan, like build, refuses one generated without.
    expect((await imageManager(['generate', '--snapshot-id', 'mr-5'], { cwd: project.root })).code).toBe(0);
    const result = await planJson(project.root, '--snapshot-id', 'mr-5');
    expect(result.snapshotId).toBe('mr-5');
    expect(result.summary).toMatchObject({ build: 0, reuse: 3, tags: { leave: 3 } });
    expect(tagOf(result, 'app:2.0.0').snapshot).toEqual({
      tag: '2.0.0-mr-5',
      platformTags: ['2.0.0-mr-5-linux-amd64'],
      aliases: ['2-mr-5', '2.0-mr-5'],
    });
    const markdown = await plan(['--snapshot-id', 'mr-5'], project.root);
    expect(markdown.stdout).toContain('· snapshot `mr-5`');
    expect(markdown.stdout).toContain('every tag below with the suffix `-mr-5`');
    await regenerate();
  }, 60000);

  it('lists a changed image and what is built on it, with reasons, the tag moves and the aliases', async () => {
    const before = await registryTags();
    editFile(
      project.root,
      'images/app/Dockerfile.mustache',
      'FROM {{#image}}base:1.0{{/image}}\nRUN echo two > /app-info\n',
    );
    await regenerate();
    const result = await planJson(project.root);
    expect(result.summary).toEqual({
      build: 2,
      reuse: 1,
      tags: { create: 0, move: 2, leave: 1 },
      aliases: expect.objectContaining({ move: 4, create: 0 }),
    });
    expect(tagOf(result, 'base:1.0').action).toBe('leave');
    const app = tagOf(result, 'app:2.0.0');
    expect(app).toMatchObject({ action: 'move', digest: before['app:2.0.0'], newDigest: null });
    expect(app.platforms[0]).toMatchObject({ action: 'build', reasons: ['Dockerfile changed'] });
    expect(app.aliases.map((a) => [a.alias, a.action, a.digest, a.newDigest])).toEqual([
      ['2', 'move', before['app:2.0.0'], null],
      ['2.0', 'move', before['app:2.0.0'], null],
    ]);
    const extra = tagOf(result, 'app:2.0.0-extra');
    expect(extra.platforms[0]).toMatchObject({
      action: 'build',
      reasons: ['base app:2.0.0 is rebuilt'],
      inputDigest: null,
    });
    expect(extra.action).toBe('move');

    const markdown = (await plan([], project.root)).stdout;
    expect(markdown).toContain('### Platform images to build (2)');
    expect(markdown).toContain('| `app:2.0.0` | linux/amd64 | Dockerfile changed |');
    expect(markdown).toContain('| `app:2.0.0-extra` | linux/amd64 | base app:2.0.0 is rebuilt |');
    expect(markdown).toMatch(
      /\| `app:2\.0\.0` \| move \| linux\/amd64 rebuilt \| `sha256:[0-9a-f]{12}…` → new index \| amd64 build \|/,
    );
    expect(markdown).toMatch(
      /\| `app:2` \| move \| `sha256:[0-9a-f]{12}…` \(2\.0\.0\) \| `app:2\.0\.0` \(new index\) \|/,
    );
    expect(await registryTags()).toEqual(before);
  }, 60000);

  it('was right: the build does what the plan said, and the plan after it leaves everything', async () => {
    const planned = await planJson(project.root);
    const before = await registryTags();
    const build = await imageManager(['build'], { cwd: project.root });
    expect({ code: build.code, stderr: build.code === 0 ? '' : build.stderr }).toEqual({ code: 0, stderr: '' });
    const after = await registryTags();
    for (const tag of planned.tags) {
      const key = `${tag.image}:${tag.tag}`;
      if (tag.action === 'leave') expect(after[key]).toBe(before[key]);
      else expect(after[key]).not.toBe(before[key]);
      for (const alias of tag.aliases) expect(after[`${tag.image}:${alias.alias}`]).toBe(after[key]);
      const built = tag.platforms.filter((p) => p.action === 'build').map((p) => `${key} ${p.platform}: building`);
      for (const line of built) expect(build.stderr).toContain(line);
    }
    const again = await planJson(project.root);
    expect(again.summary).toEqual({
      build: 0,
      reuse: 3,
      tags: { create: 0, move: 0, leave: 3 },
      aliases: { create: 0, move: 0, leave: 5 },
    });
  }, 180000);

  it('plans a tag missing from the registry as created, and the alias it takes over as moved', async () => {
    editFile(
      project.root,
      'images/base/image.yml',
      "name: base\nis_base_image: true\ntags:\n  - name: '1.0'\n  - name: '1.1'\n",
    );
    await regenerate();
    const before = await registryTags();
    const result = await planJson(project.root, 'base');
    expect(result.tags.map((t) => t.tag)).toEqual(['1.0', '1.1']);
    const added = tagOf(result, 'base:1.1');
    expect(added).toMatchObject({ action: 'create', digest: null, newDigest: null });
    expect(added.platforms[0]).toMatchObject({ action: 'build', reasons: ['new: no image in the registry yet'] });
    expect(added.aliases).toEqual([
      {
        alias: '1',
        ref: `${project.registry}/base:1`,
        action: 'move',
        digest: before['base:1.0'],
        digestTags: ['1.0'],
        target: '1.1',
        newDigest: null,
      },
    ]);
    expect(tagOf(result, 'base:1.0')).toMatchObject({ action: 'leave', aliases: [] });
    const markdown = (await plan(['base'], project.root)).stdout;
    expect(markdown).toContain('| `base:1.1` | create | not in the registry yet | – → new index | amd64 build |');
    expect(markdown).toMatch(/\| `base:1` \| move \| `sha256:[0-9a-f]{12}…` \(1\.0\) \| `base:1\.1` \(new index\) \|/);
  }, 60000);

  it('refuses a stale dist/ (exit 2) and generates a missing one', async () => {
    editFile(project.root, 'images/base/Dockerfile.mustache', 'FROM busybox:latest\nRUN echo stale > /base-info\n');
    const stale = await plan([], project.root);
    expect(stale.code).toBe(2);
    expect(stale.stderr).toMatch(/dist\/ is out of date: run image-manager generate/);
    expect(stale.stdout).toBe('');

    rmSync(path.join(project.root, 'dist'), { recursive: true, force: true });
    const generated = await plan(['base:1.0'], project.root);
    expect(generated.code).toBe(0);
    expect(generated.stderr).toContain('dist/ has not been generated yet');
    expect(generated.stdout).toContain('| `base:1.0` | linux/amd64 | Dockerfile changed |');
  }, 60000);

  it('fails with a clear message (exit 1) when the registry cannot be reached, and starts none', async () => {
    const offline = busyboxProject(await seededBusybox(), IMAGES, { platforms: ['linux/amd64'] });
    const port = await freePort();
    editFile(
      offline.root,
      '.image-manager.yml',
      `dist_dir: dist\nbuilder: buildah\nregistries:\n  - url: 127.0.0.1:${port}/nowhere\nplatforms: [linux/amd64]\n`,
    );
    const run = await plan([], offline.root);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      new RegExp(
        `plan: cannot read 127\\.0\\.0\\.1:${port}/nowhere/\\S+ from the registry \\(is the local registry running\\?`,
      ),
    );
    expect(run.stderr).not.toContain('internal error');
    expect(run.stdout).toBe('');
    // Nothing was started on the registry's address.
    await expect(fetch(`http://127.0.0.1:${port}/v2/`)).rejects.toThrow();
  }, 60000);

  it.each<[string[], RegExp]>([
    [['--format', 'yaml'], /--format yaml: unknown format; use markdown or json/],
    [['--builder', 'buildx'], /--builder buildx: unknown builder .*use one of buildah, docker, buildctl/],
    [['--platform', 'arm64'], /--platform arm64: linux\/arm64 is not one of the platforms configured/],
    [['nope'], /"nope" is not an image of this catalog/],
  ])('%j is a usage error (exit 2)', async (args, message) => {
    const run = await plan(args, project.root);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});
