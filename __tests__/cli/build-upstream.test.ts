/**
 * Incremental builds and the images outside the catalog: a moved upstream tag (a security update of the OS base)
 * rebuilds what is built on it; `--pin-upstream` keeps the digest in image-manager.lock.json instead. And a
 * snapshot of unchanged images reuses the release's platform images (its tags pointed at them, nothing built).
 * Real buildah, real registry.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { seededBusybox, type SeededBusybox } from '../support/busybox-image';
import { requireTool } from '../support/containers-env';
import { skopeoCopy, skopeoDigest } from '../core/registry/registry-test-kit';
import {
  busyboxProject,
  imageManager,
  readBuildRecord,
  type BusyboxProject,
} from '../core/build-run/build-run-fixtures';

const PLATFORM = 'linux/amd64';

describe('image-manager build: upstream bases and snapshots', () => {
  let seeded: SeededBusybox;
  let project: BusyboxProject;
  let upstream: string;

  const build = async (...args: string[]) => {
    const run = await imageManager(['build', ...args], { cwd: project.root });
    expect({ code: run.code, stderr: run.code === 0 ? '' : run.stderr }).toEqual({ code: 0, stderr: '' });
    return run;
  };
  const built = (image: string, tag: string) =>
    readBuildRecord(project.root, image, tag, PLATFORM).reusedFrom === undefined;

  beforeAll(async () => {
    requireTool('buildah', 'apt-get install buildah');
    requireTool('skopeo', 'apt-get install skopeo');
    seeded = await seededBusybox();
    project = busyboxProject(
      seeded,
      {
        'images/os/image.yml': "name: os\nis_base_image: true\ntags:\n  - name: '1'\n",
        // Filled in below, once the project's registry namespace is known.
        'images/os/Dockerfile.mustache': '',
        'images/app/image.yml': "name: app\ntags:\n  - name: '2'\n",
        'images/app/Dockerfile.mustache': 'FROM {{#image}}os:1{{/image}}\nRUN echo app > /app\n',
      },
      { platforms: [PLATFORM] },
    );
    // An "upstream" image the project does not build: a tag that can be moved, as debian:bookworm-slim moves.
    upstream = `${project.registry}/upstream/os:stable`;
    await skopeoCopy(seeded.byArch.amd64, upstream, { all: false });
    writeFileSync(path.join(project.root, 'images/os/Dockerfile.mustache'), `FROM ${upstream}\nRUN echo os > /os\n`);
  }, 120000);

  it('records the upstream digest and reuses everything while the upstream tag stays', async () => {
    await build('--platform', PLATFORM);
    const os = readBuildRecord(project.root, 'os', '1', PLATFORM);
    expect(os.baseDigests[upstream]).toBe(await skopeoDigest(upstream));
    await build('--platform', PLATFORM);
    expect([built('os', '1'), built('app', '2')]).toEqual([false, false]);
  }, 180000);

  it('--pin-upstream locks the digest and keeps building on it after the upstream tag moved', async () => {
    const before = await skopeoDigest(upstream);
    const pinned = await build('--platform', PLATFORM, '--pin-upstream');
    expect(pinned.stderr).toContain('image-manager.lock.json: recorded the digests of upstream bases');
    const lock = JSON.parse(readFileSync(path.join(project.root, 'image-manager.lock.json'), 'utf8'));
    expect(lock).toEqual({ lockfileVersion: 1, upstream: { [upstream]: before } });

    // The upstream tag moves (a new image: the two-platform index of the same busybox).
    await skopeoCopy(seeded.multi, upstream);
    expect(await skopeoDigest(upstream)).not.toBe(before);

    const again = await build('--platform', PLATFORM, '--pin-upstream');
    expect([built('os', '1'), built('app', '2')]).toEqual([false, false]);
    expect(again.stderr).not.toContain('recorded the digests');
  }, 180000);

  it('rebuilds what is built on a moved upstream tag, and its children', async () => {
    const moved = await build('--platform', PLATFORM);
    expect([built('os', '1'), built('app', '2')]).toEqual([true, true]);
    expect(moved.stderr).toMatch(
      new RegExp(`os:1 linux/amd64: building: base ${upstream.replace(/[.]/g, '\\.')} changed`),
    );
    expect(readBuildRecord(project.root, 'os', '1', PLATFORM).baseDigests[upstream]).toBe(await skopeoDigest(upstream));
  }, 180000);

  it('a snapshot of unchanged images points its tags at the release images and builds nothing', async () => {
    // Publish release tags (a build without --platform merges), then build a snapshot of the same catalog.
    await build();
    const release = await skopeoDigest(`${project.registry}/app:2`);
    expect((await imageManager(['generate', '--snapshot-id', 'pr-5'], { cwd: project.root })).code).toBe(0);
    const snapshot = await build('--snapshot-id', 'pr-5');
    expect(snapshot.stderr).toMatch(/0 platform images built, 2 unchanged \(reused\)/);
    for (const [image, tag] of [
      ['os', '1'],
      ['app', '2'],
    ]) {
      const record = readBuildRecord(project.root, image, tag, PLATFORM);
      expect(record.reusedFrom).toBe(`${project.registry}/${image}:${tag}-linux-amd64`);
      expect(await skopeoDigest(`${project.registry}/${image}:${tag}-pr-5-linux-amd64`)).toBe(record.digest);
    }
    // The snapshot index is the release index itself: promoting it will move nothing.
    expect(await skopeoDigest(`${project.registry}/app:2-pr-5`)).toBe(release);
    expect(existsSync(path.join(project.root, 'dist/app/2/linux-amd64/image.tar'))).toBe(false);
  }, 180000);

  it('a snapshot that reverted its change reuses the release image again, not its own changed build', async () => {
    const dockerfile = path.join(project.root, 'images/app/Dockerfile.mustache');
    const original = readFileSync(dockerfile, 'utf8');
    const snapshot = async () => {
      expect((await imageManager(['generate', '--snapshot-id', 'pr-6'], { cwd: project.root })).code).toBe(0);
      await build('--snapshot-id', 'pr-6', '--platform', PLATFORM);
      return readBuildRecord(project.root, 'app', '2', PLATFORM);
    };
    writeFileSync(dockerfile, original.replace('echo app', 'echo changed'));
    const changed = await snapshot();
    expect(changed.reusedFrom).toBeUndefined();

    writeFileSync(dockerfile, original);
    const reverted = await snapshot();
    expect(reverted.reusedFrom).toBe(`${project.registry}/app:2-linux-amd64`);
    expect(await skopeoDigest(`${project.registry}/app:2-pr-6-linux-amd64`)).toBe(reverted.digest);
    expect(reverted.digest).not.toBe(changed.digest);
  }, 180000);
});
