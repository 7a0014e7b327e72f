/**
 * A platform this machine cannot run (no qemu binfmt handler) is an error naming the fix before anything is built,
 * never a silently smaller image. The emulation check reads an empty binfmt_misc folder here, as on a machine
 * without qemu-user-static.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import * as path from 'node:path';
import { seededBusybox } from '../support/busybox-image';
import { requireTool } from '../support/containers-env';
import { testStateDir } from '../support/shared-services';
import { busyboxProject, imageManager, LAYERED_IMAGES } from '../core/build-run/build-run-fixtures';

describe('image-manager build without emulation', () => {
  it('fails naming the platform and how to get qemu, and builds nothing; native platforms still build', async () => {
    requireTool('buildah', 'apt-get install buildah');
    const project = busyboxProject(await seededBusybox(), LAYERED_IMAGES);
    const emulation = { binfmtDir: mkdtempSync(path.join(testStateDir(), 'no-binfmt-')), native: 'linux/amd64' };

    const run = await imageManager(['build'], { cwd: project.root, build: { emulation } });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'error: cannot build linux/arm64 on this linux/amd64 machine: binfmt_misc is not mounted',
    );
    expect(run.stderr).toContain('apt-get install qemu-user-static');
    expect(run.stderr).toContain('docker/setup-qemu-action');
    expect(run.stderr).not.toContain('… building');
    expect(existsSync(path.join(project.root, 'dist/base/1.0/linux-amd64'))).toBe(false);

    const native = await imageManager(['build', 'base', '--platform', 'amd64'], {
      cwd: project.root,
      build: { emulation },
    });
    expect(native.code).toBe(0);
    expect(existsSync(path.join(project.root, 'dist/base/1.0/linux-amd64/build.json'))).toBe(true);
  }, 120000);
});
