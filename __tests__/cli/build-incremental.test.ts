/**
 * Incremental builds with real buildah and a real registry: a three-level catalog (base → mid → leaf, and side on
 * base with a rootfs). A second run builds nothing; a changed leaf, a changed mid-level image and a changed rootfs
 * file rebuild exactly what they determine, and every untouched image keeps its digest.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { seededBusybox } from '../support/busybox-image';
import { requireTool } from '../support/containers-env';
import { registryConfig } from '../core/build/build-fixtures';
import {
  busyboxProject,
  editFile,
  imageManager,
  readBuildRecord,
  type BusyboxProject,
} from '../core/build-run/build-run-fixtures';
import { INPUT_LABEL } from '../../src/core/incremental/input-parts';

const PLATFORM = 'linux/amd64';
const TAGS = ['base', 'mid', 'leaf', 'side'] as const;

const IMAGES: Record<string, string> = {
  'images/base/image.yml': "name: base\nis_base_image: true\ntags:\n  - name: '1.0'\n",
  'images/base/Dockerfile.mustache': 'FROM busybox:latest\nRUN echo base > /base-info\n',
  'images/mid/image.yml': "name: mid\nis_base_image: true\ntags:\n  - name: '1.0'\n",
  'images/mid/Dockerfile.mustache': 'FROM {{#image}}base:1.0{{/image}}\nRUN echo mid > /mid-info\n',
  'images/leaf/image.yml': "name: leaf\ntags:\n  - name: '1.0'\n",
  'images/leaf/Dockerfile.mustache': 'FROM {{#image}}mid:1.0{{/image}}\nRUN echo leaf > /leaf-info\n',
  'images/side/image.yml': "name: side\ntags:\n  - name: '1.0'\nrootfs_user: '0:0'\n",
  'images/side/Dockerfile.mustache': 'FROM {{#image}}base:1.0{{/image}}\n',
  'images/side/rootfs/etc/side.conf': 'setting = 1\n',
};

type Digests = Record<(typeof TAGS)[number], string>;

describe('image-manager build: incremental', () => {
  let project: BusyboxProject;

  const digests = (): Digests =>
    Object.fromEntries(
      TAGS.map((image) => [image, readBuildRecord(project.root, image, '1.0', PLATFORM).digest]),
    ) as Digests;
  /** The images a run really built (the others were reused). */
  const builtIn = (): string[] =>
    TAGS.filter((image) => readBuildRecord(project.root, image, '1.0', PLATFORM).reusedFrom === undefined);
  const build = async (...args: string[]) => {
    const run = await imageManager(['build', '--platform', PLATFORM, ...args], { cwd: project.root });
    expect({ code: run.code, stderr: run.code === 0 ? '' : run.stderr }).toEqual({ code: 0, stderr: '' });
    return run;
  };
  const regenerate = async () => expect((await imageManager(['generate'], { cwd: project.root })).code).toBe(0);

  beforeAll(async () => {
    requireTool('buildah', 'apt-get install buildah');
    project = busyboxProject(await seededBusybox(), IMAGES, { platforms: [PLATFORM] });
  }, 60000);

  it('builds everything the first time and labels each image with its input digest', async () => {
    const first = await build();
    expect(builtIn()).toEqual([...TAGS]);
    expect(first.stderr).toContain('base:1.0 linux/amd64: building: new: no image in the registry yet');
    for (const image of TAGS) {
      const record = readBuildRecord(project.root, image, '1.0', PLATFORM);
      expect(record.inputDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
      const labels = registryConfig(record.ref).config.Labels ?? {};
      expect(labels[INPUT_LABEL.digest]).toBe(record.inputDigest);
      expect(JSON.parse(labels[INPUT_LABEL.parts]).platform).toBe(PLATFORM);
    }
  }, 240000);

  it('builds nothing the second time: every image is reused with its digest', async () => {
    const before = digests();
    const again = await build();
    expect(builtIn()).toEqual([]);
    expect(digests()).toEqual(before);
    expect(again.stderr).toMatch(/leaf:1\.0 linux\/amd64: unchanged \(input sha256:[0-9a-f]{64}\), reusing /);
    expect(again.stderr).toMatch(/0 platform images built, 4 unchanged \(reused\)/);
    // The archive the first run exported is of this very image: it stays, so test and sbom need not pull it.
    expect(readBuildRecord(project.root, 'leaf', '1.0', PLATFORM).archive).toBe('linux-amd64/image.tar');
    expect(existsSync(path.join(project.root, 'dist', 'leaf', '1.0', 'linux-amd64', 'image.tar'))).toBe(true);
  }, 120000);

  it('rebuilds only a changed leaf', async () => {
    const before = digests();
    editFile(
      project.root,
      'images/leaf/Dockerfile.mustache',
      'FROM {{#image}}mid:1.0{{/image}}\nRUN echo leaf2 > /leaf-info\n',
    );
    await regenerate();
    const run = await build();
    expect(builtIn()).toEqual(['leaf']);
    expect(run.stderr).toContain('leaf:1.0 linux/amd64: building: Dockerfile changed');
    const after = digests();
    expect(after.leaf).not.toBe(before.leaf);
    expect({ ...after, leaf: '' }).toEqual({ ...before, leaf: '' });
  }, 120000);

  it('rebuilds a changed mid-level image and what is built on it, nothing else', async () => {
    const before = digests();
    editFile(
      project.root,
      'images/mid/Dockerfile.mustache',
      'FROM {{#image}}base:1.0{{/image}}\nRUN echo mid2 > /mid-info\n',
    );
    await regenerate();
    const run = await build();
    expect(builtIn()).toEqual(['mid', 'leaf']);
    expect(run.stderr).toMatch(
      /leaf:1\.0 linux\/amd64: building: base \S+\/mid:1\.0 changed \(sha256:\w+ → sha256:\w+\)/,
    );
    const after = digests();
    expect(after.base).toBe(before.base);
    expect(after.side).toBe(before.side);
    expect(after.mid).not.toBe(before.mid);
    expect(after.leaf).not.toBe(before.leaf);
  }, 180000);

  it('rebuilds an image whose rootfs file changed', async () => {
    const before = digests();
    writeFileSync(path.join(project.root, 'images/side/rootfs/etc/side.conf'), 'setting = 2\n');
    await regenerate();
    const run = await build();
    expect(builtIn()).toEqual(['side']);
    expect(run.stderr).toContain('side:1.0 linux/amd64: building: rootfs changed');
    expect({ ...digests(), side: '' }).toEqual({ ...before, side: '' });
  }, 120000);

  it('--reuse-only builds nothing and names what needs a build, children of a changed image included', async () => {
    editFile(
      project.root,
      'images/mid/Dockerfile.mustache',
      'FROM {{#image}}base:1.0{{/image}}\nRUN echo mid3 > /mid-info\n',
    );
    await regenerate();
    const affected = path.join(project.root, 'affected.json');
    const run = await build('--reuse-only', '--affected-file', affected);
    expect(JSON.parse(readFileSync(affected, 'utf8'))).toEqual({
      version: 1,
      build: ['leaf linux/amd64', 'mid linux/amd64'],
      reused: ['base linux/amd64', 'side linux/amd64'],
    });
    expect(run.stderr).toContain('leaf:1.0 linux/amd64: needs a build: base mid:1.0 is rebuilt');
    expect(run.stderr).toMatch(/2 platform images unchanged \(reused\), 2 to build/);
    expect(run.stderr).not.toContain('buildah bud');
    // The build jobs then build exactly those.
    await build();
    expect(builtIn()).toEqual(['mid', 'leaf']);
  }, 180000);

  it('refuses --affected-file without --reuse-only', async () => {
    const run = await imageManager(['build', '--affected-file', 'x.json'], { cwd: project.root });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--affected-file is written by --reuse-only');
  });

  it('rebuilds everything with --force, and nothing again afterwards', async () => {
    await build('--force');
    expect(builtIn()).toEqual([...TAGS]);
    await build();
    expect(builtIn()).toEqual([]);
  }, 240000);
});
