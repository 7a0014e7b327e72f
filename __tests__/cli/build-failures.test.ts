/**
 * What a failing build does to the rest of the run (real buildah, real registry): it stops only what builds on it,
 * everything else is built, and the exit code is 1 with the list of failed and skipped units. Also: independent
 * images really build in parallel with --jobs 2.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { seededBusybox } from '../support/busybox-image';
import { requireTool } from '../support/containers-env';
import { existsInRegistry } from '../core/build/build-fixtures';
import { busyboxProject, imageManager, progressLines } from '../core/build-run/build-run-fixtures';

const image = (name: string, from: string, run: string) => ({
  [`images/${name}/image.yml`]: `name: ${name}\ntags:\n  - name: '1'\n`,
  [`images/${name}/Dockerfile.mustache`]: `FROM ${from}\nRUN ${run}\n`,
});

describe('image-manager build when an image fails', () => {
  beforeAll(() => requireTool('buildah', 'apt-get install buildah'));

  it('stops only the images that build on the failure, builds the rest, exits 1 with the listing', async () => {
    const project = busyboxProject(
      await seededBusybox(),
      {
        ...image('base', 'busybox:latest', 'echo base > /base'),
        ...image('broken', '{{#image}}base:1{{/image}}', 'echo "about to fail" && exit 3'),
        ...image('child', '{{#image}}broken:1{{/image}}', 'echo never'),
        ...image('grandchild', '{{#image}}child:1{{/image}}', 'echo never'),
        ...image('sibling', '{{#image}}base:1{{/image}}', 'echo fine > /sibling'),
      },
      { platforms: ['linux/amd64'] },
    );
    const run = await imageManager(['build', '--jobs', '1'], { cwd: project.root });

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /error: \[\d\/\d+\] broken:1 linux\/amd64 … FAILED after [\d.]+ s: buildah bud for .*broken:1-linux-amd64 \(linux\/amd64\) failed \(exit code 3\)/,
    );
    expect(run.stderr).toContain('about to fail');
    expect(run.stderr).toContain('warning: [');
    expect(run.stderr).toMatch(/2 platform images built, 2 tags merged, 1 failed, 5 skipped in /);
    expect(run.stderr).toContain(
      [
        'error: failed:',
        '  broken:1 linux/amd64: buildah bud for ' +
          `${project.registry}/broken:1-linux-amd64 (linux/amd64) failed (exit code 3).`,
      ].join('\n'),
    );
    expect(run.stderr).toContain(
      [
        'error: skipped:',
        '  broken:1 merge: because broken:1 linux/amd64 failed',
        '  child:1 linux/amd64: because broken:1 linux/amd64 failed',
        '  child:1 merge: because broken:1 linux/amd64 failed (via child:1 linux/amd64)',
        '  grandchild:1 linux/amd64: because broken:1 linux/amd64 failed (via child:1 linux/amd64)',
        '  grandchild:1 merge: because broken:1 linux/amd64 failed (via grandchild:1 linux/amd64)',
      ].join('\n'),
    );
    expect(existsInRegistry(`${project.registry}/sibling:1`)).toBe(true);
    expect(existsInRegistry(`${project.registry}/child:1-linux-amd64`)).toBe(false);
    expect(existsSync(path.join(project.root, 'dist/broken/1/linux-amd64/build.json'))).toBe(false);
  }, 180000);

  it('runs independent images side by side with --jobs 2, one after the other with --jobs 1', async () => {
    const seeded = await seededBusybox();
    const files = {
      ...image('left', 'busybox:latest', 'sleep 2 && echo left > /left'),
      ...image('right', 'busybox:latest', 'sleep 2 && echo right > /right'),
    };
    const started = (stderr: string) => {
      const lines = progressLines(stderr);
      const firstDone = lines.findIndex((l) => l.includes(' … built in'));
      return lines.slice(0, firstDone).filter((l) => l.includes(' … building')).length;
    };
    const parallel = await imageManager(['build', '--jobs', '2', '--no-cache', '--platform', 'amd64'], {
      cwd: busyboxProject(seeded, files, { platforms: ['linux/amd64'] }).root,
    });
    expect(parallel.code).toBe(0);
    expect(started(parallel.stderr)).toBe(2);
    const serial = await imageManager(['build', '--jobs', '1', '--no-cache', '--platform', 'amd64'], {
      cwd: busyboxProject(seeded, files, { platforms: ['linux/amd64'] }).root,
    });
    expect(serial.code).toBe(0);
    expect(started(serial.stderr)).toBe(1);
  }, 180000);
});
