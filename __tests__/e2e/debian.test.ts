/**
 * The example catalog for real, end to end, on Debian: the upstream base seeded with debootstrap (amd64; the rootfs
 * tarball is cached in build/test-cache, so only the first run on a machine pays the ~35 s), then `image-manager
 * build` of base and lua:5.4.4 for linux/amd64, then `lua -v` run inside the built image with buildah.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { buildEnv, imageManager, nonce, readBuildRecord } from '../core/build-run/build-run-fixtures';
import { containersEnv, requireTool } from '../support/containers-env';
import { copyExampleCatalog, REPO_ROOT } from '../support/project-fixture';
import { sharedRegistry } from '../support/test-registry';

const run = promisify(execFile);
const TEST_CACHE = path.join(REPO_ROOT, 'build', 'test-cache');

describe('the example catalog on a debootstrapped Debian base', () => {
  it('builds base and lua:5.4.4 for linux/amd64, and lua runs inside', async () => {
    requireTool('buildah', 'apt-get install buildah');
    requireTool('skopeo', 'apt-get install skopeo');
    requireTool('debootstrap', 'apt-get install debootstrap');
    const registry = (await sharedRegistry()).address;
    const debian = `${registry}/library/debian:bookworm-slim`;
    await run(
      'bash',
      [
        path.join(REPO_ROOT, 'scripts/seed-debian-base.sh'),
        '--ref',
        debian,
        '--platforms',
        'amd64',
        '--cache-dir',
        TEST_CACHE,
      ],
      {
        env: containersEnv(),
        maxBuffer: 16 * 1024 * 1024,
      },
    );

    const root = copyExampleCatalog();
    const push = `${registry}/e2e${nonce()}`;
    writeFileSync(
      path.join(root, '.image-manager.yml'),
      [
        'dist_dir: out',
        'builder: buildah',
        'registries:',
        `  - url: ${push}`,
        'platforms: [linux/amd64]',
        'upstream:',
        `  debian:bookworm-slim: ${debian}`,
        'labels:',
        '  vendor: Example Platform Team',
        '',
      ].join('\n'),
    );
    const build = await imageManager(['build', 'base', 'lua:5.4.4'], { cwd: root, env: buildEnv() });
    expect(build.stderr).toMatch(/2 platform images built, 2 tags merged in /);
    expect(build.code).toBe(0);

    const lua = readBuildRecord(root, 'lua', '5.4.4', 'linux/amd64', 'out');
    const base = readBuildRecord(root, 'base', '2026.11', 'linux/amd64', 'out');
    expect(lua.baseDigests).toEqual({ [`${push}/base:2026.11`]: base.digest });
    expect(Object.keys(base.baseDigests)).toEqual([debian]);

    const env = containersEnv();
    const { stdout: container } = await run(
      'buildah',
      ['from', '--tls-verify=false', '--quiet', `${lua.ref}@${lua.digest}`],
      { env },
    );
    try {
      const exec = (...command: string[]) =>
        run('buildah', ['run', '--isolation', 'chroot', container.trim(), '--', ...command], { env });
      expect((await exec('lua', '-v')).stdout).toMatch(
        /^Lua 5\.4\.4 {2}Copyright \(C\) 1994-2022 Lua\.org, PUC-Rio\n$/,
      );
      // The catalog's own files made it in: the base image's rootfs and lua's.
      expect((await exec('cat', '/etc/image-catalog/base')).stdout).toContain('tag=2026.11');
      expect((await exec('sh', '-c', '. /etc/os-release && echo $VERSION_CODENAME')).stdout).toBe('bookworm\n');
    } finally {
      await run('buildah', ['rm', container.trim()], { env });
    }
  }, 240000);
});
