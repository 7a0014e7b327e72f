/**
 * Same inputs, same digests (environment.md §10): `created` comes from SOURCE_DATE_EPOCH, buildah clamps every
 * timestamp to it, and children are pinned to their parents' digests, so a second `image-manager build` that
 * re-runs every step produces byte-identical platform images and indexes.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { seededBusybox } from '../support/busybox-image';
import { requireTool } from '../support/containers-env';
import { freshContainersEnv } from '../core/build/build-fixtures';
import {
  buildEnv,
  busyboxProject,
  imageManager,
  LAYERED_IMAGES,
  readBuildRecord,
} from '../core/build-run/build-run-fixtures';

const TAGS: Array<[string, string]> = [
  ['base', '1.0'],
  ['app', '2.0.0'],
  ['app', '2.0.0-extra'],
];

// Its own storage (a CI runner's view): buildah records the base image in the history under its FIRST local name,
// and a parallel test pulling the same busybox under another name (`:multi` vs `:amd64`) changed it mid-test — the
// cause of the digests that differed under load (found in session 2).
describe('reproducible image-manager build', () => {
  it('gives identical platform and index digests when the same inputs are built again, without cache or elsewhere', async () => {
    requireTool('buildah', 'apt-get install buildah');
    const project = busyboxProject(await seededBusybox(), LAYERED_IMAGES, { platforms: ['linux/amd64'] });
    const digests = () =>
      TAGS.map(([image, tag]) => ({
        platform: readBuildRecord(project.root, image, tag, 'linux/amd64').digest,
        index: (
          JSON.parse(readFileSync(path.join(project.root, 'dist', image, tag, 'manifest.json'), 'utf8')) as {
            indexDigest: string;
          }
        ).indexDigest,
      }));

    const runner = buildEnv(freshContainersEnv());
    expect((await imageManager(['build'], { cwd: project.root, env: runner })).code).toBe(0);
    const first = digests();
    const again = await imageManager(['build', '--no-cache'], { cwd: project.root, env: runner });
    expect(again.code).toBe(0);
    // Every step really ran again…
    expect(again.stderr).not.toContain('Using cache');
    // …and produced the same bytes.
    expect(digests()).toEqual(first);
    expect(new Set(first.map((d) => d.platform)).size).toBe(3);
    // Another runner: another empty local storage, so every base comes from the registry.
    const elsewhere = await imageManager(['build'], { cwd: project.root, env: buildEnv(freshContainersEnv()) });
    expect(elsewhere.code).toBe(0);
    expect(digests()).toEqual(first);
  }, 240000);
});
