import { classifyDockerCli, findDockerCli } from '../../../src/core/build/docker-cli';
import { selectBuilder } from '../../../src/core/build/select-builder';
import { OperationError } from '../../../src/core/shared/errors';
import { execProcess } from '../../../src/core/shared/exec';
import { MemoryLogger } from '../../../src/core/shared/logger';
import { containersEnv, requireTool } from '../../support/containers-env';
import { dockerEnv, sharedDockerd } from '../../support/dockerd';

/** An environment with no Docker daemon and no BuildKit address. */
function withoutDaemons(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...containersEnv(), DOCKER_HOST: "unix:///nonexistent/docker.sock" };
  delete env.BUILDKIT_HOST;
  return env;
}

describe('selectBuilder on this machine', () => {
  beforeAll(() => {
    requireTool('buildah', 'apt-get install buildah');
    requireTool('dockerd', 'apt-get install docker.io');
  });

  it('falls back to buildah when no Docker daemon answers and BUILDKIT_HOST is unset', async () => {
    const log = new MemoryLogger();
    const builder = await selectBuilder({ env: withoutDaemons(), exec: execProcess, log });
    expect(builder.kind).toBe('buildah');
    expect(builder.describe()).toMatch(/^buildah \d+\.\d+\.\d+ \(isolation chroot\)$/);
    expect(log.messages('info')).toEqual([`builder: ${builder.describe()}`]);
  });

  it('prefers a Docker engine with BuildKit when one answers', async () => {
    const env = dockerEnv(await sharedDockerd());
    delete env.BUILDKIT_HOST;
    const builder = await selectBuilder({ env, exec: execProcess });
    expect(builder.kind).toBe('docker');
  }, 120000);

  it.each<[string, Parameters<typeof selectBuilder>[0]['requested'], NodeJS.ProcessEnv, RegExp]>([
    ['buildctl without BUILDKIT_HOST', 'buildctl', withoutDaemons(), /the buildctl builder cannot be used here: BUILDKIT_HOST is not set/],
    [
      'buildctl without the buildctl program',
      'buildctl',
      { ...withoutDaemons(), BUILDKIT_HOST: 'tcp://127.0.0.1:1' },
      /buildctl is not installed \(it ships in the moby\/buildkit images/,
    ],
    ['docker without a daemon', 'docker', withoutDaemons(), /no Docker daemon answers at unix:\/\/\/nonexistent\/docker\.sock/],
    [
      'a program that is not a Docker CLI',
      'docker',
      { ...withoutDaemons(), IMAGE_MANAGER_DOCKER: '/bin/true' },
      /\/bin\/true: not a Docker CLI/,
    ],
  ])('a requested builder that cannot run fails with what to do: %s', async (_name, requested, env, message) => {
    const attempt = selectBuilder({ requested, env, exec: execProcess });
    await expect(attempt).rejects.toThrow(OperationError);
    await expect(attempt).rejects.toThrow(message);
  });

  it('lists every reason when nothing is usable', async () => {
    const env = { ...withoutDaemons(), PATH: '/nonexistent' };
    const attempt = selectBuilder({ env, exec: execProcess, docker: { binary: '/nonexistent/docker' } });
    await expect(attempt).rejects.toThrow(
      /no image builder is usable on this machine:\n {2}buildctl: .*\n {2}docker: .*\n {2}buildah: buildah is not installed/,
    );
  });
});

describe('findDockerCli', () => {
  it('finds a Docker CLI on PATH that can drive BuildKit (docker.io 20.10 has it built in)', async () => {
    requireTool('docker', 'apt-get install docker.io');
    const search = await findDockerCli(execProcess, { ...process.env, PATH: `${process.env.PATH}:/usr/bin` });
    expect(search.found?.mode).toMatch(/^(legacy|buildx)$/);
    expect(search.found?.clientVersion).toMatch(/^\d+\.\d+/);
    // Every CLI it passed over was a real docker it could not use, with the reason.
    for (const reason of search.rejected) expect(reason).toMatch(/docker .*(no buildx plugin|does not run)/);
  });
});

describe('classifyDockerCli', () => {
  it.each<[string, boolean, ReturnType<typeof classifyDockerCli>]>([
    ['Docker version 20.10.24+dfsg1, build 297e128', false, { binary: 'd', mode: 'legacy', clientVersion: '20.10.24+dfsg1' }],
    ['Docker version 28.2.2, build e6534b4', true, { binary: 'd', mode: 'buildx', clientVersion: '28.2.2' }],
    ['Docker version 20.10.24, build 297e128', true, { binary: 'd', mode: 'buildx', clientVersion: '20.10.24' }],
  ])('%s (buildx: %s)', (output, buildx, expected) => {
    expect(classifyDockerCli('d', output, buildx)).toEqual(expected);
  });

  it.each<[string, RegExp]>([
    ['Docker version 28.2.2, build e6534b4', /^d 28\.2\.2: no buildx plugin, and Docker 23\+ cannot use BuildKit without it \(install the docker-buildx-plugin/],
    ['podman version 4.3.1', /^d is podman's Docker emulation, which has no BuildKit: use the buildah builder/],
    ['', /^d: not a Docker CLI/],
  ])('rejects %j without buildx', (output, reason) => {
    expect(classifyDockerCli('d', output, false)).toMatch(reason);
  });
});
