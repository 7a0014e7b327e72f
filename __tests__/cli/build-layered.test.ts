/**
 * `image-manager build` of a three-level busybox catalog (base → app → app's variant) for linux/amd64 (native) and
 * linux/arm64 (qemu), with the merge: real buildah, real registry, checked with skopeo.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { seededBusybox } from '../support/busybox-image';
import { requireTool } from '../support/containers-env';
import { registryConfig, registryManifest } from '../core/build/build-fixtures';
import {
  busyboxProject,
  editFile,
  imageManager,
  LAYERED_IMAGES,
  progressLines,
  readBuildRecord,
  type BusyboxProject,
} from '../core/build-run/build-run-fixtures';

const PLATFORMS = ['linux/amd64', 'linux/arm64'];

interface IndexManifest {
  manifests: Array<{ digest: string; platform: { architecture: string } }>;
}

describe('image-manager build: a layered catalog on two platforms', () => {
  let project: BusyboxProject;
  let firstRun: { code: number; stderr: string };

  beforeAll(async () => {
    requireTool('buildah', 'apt-get install buildah');
    requireTool('skopeo', 'apt-get install skopeo');
    project = busyboxProject(await seededBusybox(), LAYERED_IMAGES);
    firstRun = await imageManager(['build', '--jobs', '2'], { cwd: project.root });
  }, 300000);

  it('builds every tag on both platforms, in dependency order, and merges each tag', () => {
    expect(firstRun.stderr).toContain('dist/ has not been generated yet: running `image-manager generate` first');
    expect(firstRun.stderr).toContain('builder: buildah 1.');
    expect(firstRun.code).toBe(0);
    const lines = progressLines(firstRun.stderr);
    const done = (id: string) =>
      lines.findIndex((l) => l.includes(`${id} … built in`) || l.includes(`${id} … merged in`));
    const begun = (id: string) =>
      lines.findIndex((l) => l.includes(`${id} … building`) || l.includes(`${id} … merging`));
    for (const platform of PLATFORMS) {
      expect(done(`base:1.0 ${platform}`)).toBeLessThan(begun(`app:2.0.0 ${platform}`));
      expect(done(`app:2.0.0 ${platform}`)).toBeLessThan(begun(`app:2.0.0-extra ${platform}`));
    }
    expect(lines.filter((l) => / … (built|merged) in /.test(l))).toHaveLength(9);
    expect(lines[lines.length - 1]).toMatch(/^\[\d\/9\] /);
    expect(firstRun.stderr).toMatch(/6 platform images built, 3 tags merged in /);
  });

  it.each(PLATFORMS)('records the %s image as pushed, with its archive', (platform) => {
    for (const tag of ['1.0', '2.0.0', '2.0.0-extra']) {
      const image = tag === '1.0' ? 'base' : 'app';
      const record = readBuildRecord(project.root, image, tag, platform);
      const ref = `${project.registry}/${image}:${tag}-${platform.replace('/', '-')}`;
      expect(record).toMatchObject({
        image,
        tag,
        platform,
        ref,
        builder: 'buildah',
        archive: `${platform.replace('/', '-')}/image.tar`,
      });
      expect(registryManifest(ref).digest).toBe(record.digest);
      expect(registryConfig(ref).architecture).toBe(platform.split('/')[1]);
      expect(record.size).toBeGreaterThan(500000);
      expect(existsSync(path.join(project.root, 'dist', image, tag, record.archive as string))).toBe(true);
    }
  });

  it.each(PLATFORMS)('builds each %s child on the digest of its parent from this run', (platform) => {
    const base = readBuildRecord(project.root, 'base', '1.0', platform);
    const app = readBuildRecord(project.root, 'app', '2.0.0', platform);
    const extra = readBuildRecord(project.root, 'app', '2.0.0-extra', platform);
    expect(app.baseDigests).toEqual({ [`${project.registry}/base:1.0`]: base.digest });
    expect(extra.baseDigests).toEqual({ [`${project.registry}/app:2.0.0`]: app.digest });
    const labels = registryConfig(app.ref).config.Labels ?? {};
    expect(labels['org.opencontainers.image.base.name']).toBe(`${project.registry}/base:1.0`);
    expect(labels['org.opencontainers.image.base.digest']).toBe(base.digest);
    expect(labels['org.opencontainers.image.created']).toBe('2026-01-01T00:00:00Z');
    // The upstream base is recorded by its digest too (one HEAD request).
    expect(Object.keys(base.baseDigests)).toEqual([expect.stringMatching(/\/test\/busybox:multi$/)]);
  });

  it('keeps dist/ readable: the pinned FROM exists only in the build, not in the generated Dockerfile', () => {
    expect(readFileSync(path.join(project.root, 'dist/app/2.0.0/Dockerfile'), 'utf8')).toBe(
      `FROM ${project.registry}/base:1.0\nRUN cat /base-info > /app-info\n`,
    );
  });

  it('publishes a two-platform index per tag and points the aliases at it', () => {
    const index = registryManifest(`${project.registry}/app:2.0.0`);
    const entries = (index.manifest as unknown as IndexManifest).manifests;
    expect(entries.map((e) => [e.platform.architecture, e.digest]).sort()).toEqual([
      ['amd64', readBuildRecord(project.root, 'app', '2.0.0', 'linux/amd64').digest],
      ['arm64', readBuildRecord(project.root, 'app', '2.0.0', 'linux/arm64').digest],
    ]);
    expect(registryManifest(`${project.registry}/app:2`).digest).toBe(index.digest);
    expect(registryManifest(`${project.registry}/app:2.0-extra`).digest).toBe(
      registryManifest(`${project.registry}/app:2.0.0-extra`).digest,
    );
  });

  it('refuses a stale dist/, then rebuilds a changed parent and moves the children onto it', async () => {
    const before = Object.fromEntries(
      PLATFORMS.map((p) => [p, readBuildRecord(project.root, 'base', '1.0', p).digest]),
    );
    editFile(
      project.root,
      'images/base/Dockerfile.mustache',
      'FROM busybox:latest\nRUN echo "base v2 {{tag}}" > /base-info\n',
    );

    const stale = await imageManager(['build', 'base', 'app'], { cwd: project.root });
    expect(stale.code).toBe(2);
    expect(stale.stderr).toContain(
      'dist/ is out of date: run image-manager generate (differs from the catalog: dist/base/1.0/Dockerfile)',
    );

    expect((await imageManager(['generate'], { cwd: project.root })).code).toBe(0);
    const rebuilt = await imageManager(['build', 'base', 'app:2.0.0'], { cwd: project.root });
    expect(rebuilt.code).toBe(0);
    for (const platform of PLATFORMS) {
      const base = readBuildRecord(project.root, 'base', '1.0', platform);
      expect(base.digest).not.toBe(before[platform]);
      expect(readBuildRecord(project.root, 'app', '2.0.0', platform).baseDigests).toEqual({
        [`${project.registry}/base:1.0`]: base.digest,
      });
    }
  }, 300000);

  it('builds a child alone on the parent the registry holds for this snapshot', async () => {
    const alone = await imageManager(['build', 'app:2.0.0-extra', '--platform', 'arm64'], { cwd: project.root });
    expect(alone.code).toBe(0);
    expect(alone.stderr).not.toContain(' merg');
    const app = readBuildRecord(project.root, 'app', '2.0.0', 'linux/arm64');
    expect(readBuildRecord(project.root, 'app', '2.0.0-extra', 'linux/arm64').baseDigests).toEqual({
      [`${project.registry}/app:2.0.0`]: app.digest,
    });
  }, 120000);
});
