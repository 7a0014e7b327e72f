import {
  registryContainerName,
  registryContainerRunArgs,
  registryContainerStatusArgs,
  registryContainerStopArgs,
  startRegistryContainer,
  stopRegistryContainer,
  registryContainerRunning,
} from '../../../src/core/build-run/registry-container';
import type { Exec, ExecResult } from '../../../src/core/shared/exec';

/** A Docker CLI stand-in that records its command lines and answers from a script. */
function recordingDocker(answer: (args: string[]) => Partial<ExecResult> = () => ({})) {
  const calls: string[][] = [];
  const exec: Exec = async (command, args) => {
    calls.push([command, ...args]);
    return { exitCode: 0, stdout: '', stderr: '', ...answer(args) };
  };
  return { calls, docker: { exec, env: {} } };
}

const target = { host: '127.0.0.1', port: 5050, dataDir: '/p/.image-manager/registry/data' };

describe('the registry:2 container path', () => {
  it('publishes on the loopback address only, keeps data in the project, allows deletes', () => {
    expect(registryContainerRunArgs(target)).toEqual([
      'run',
      '--detach',
      '--name',
      'image-manager-registry-5050',
      '--publish',
      '127.0.0.1:5050:5000',
      '--volume',
      '/p/.image-manager/registry/data:/var/lib/registry',
      '--env',
      'REGISTRY_STORAGE_DELETE_ENABLED=true',
      '--restart',
      'unless-stopped',
      'registry:2',
    ]);
  });

  it.each([
    [5050, 'image-manager-registry-5050'],
    [6000, 'image-manager-registry-6000'],
  ])('names the container after the port (%i)', (port, name) => {
    expect(registryContainerName(port)).toBe(name);
    expect(registryContainerStatusArgs(port)).toEqual(['inspect', '--format', '{{.State.Running}}', name]);
    expect(registryContainerStopArgs(port)).toEqual(['rm', '--force', name]);
  });

  it('removes a leftover container of the same name before running a new one', async () => {
    const { calls, docker } = recordingDocker();
    await startRegistryContainer(docker, target);
    expect(calls.map((c) => c.slice(0, 3))).toEqual([
      ['docker', 'rm', '--force'],
      ['docker', 'run', '--detach'],
    ]);
  });

  it('fails with the engine message and both ways out when the container cannot start', async () => {
    const { docker } = recordingDocker((args) =>
      args[0] === 'run' ? { exitCode: 125, stderr: 'Unable to find image registry:2 locally\n' } : {},
    );
    await expect(startRegistryContainer(docker, target)).rejects.toThrow(
      /could not start the registry:2 container on 127\.0\.0\.1:5050: Unable to find image registry:2 locally .*apt-get install docker-registry/,
    );
  });

  it.each([
    ['true', 0, true],
    ['false', 0, false],
    ['', 1, false],
  ])('reads `docker inspect` output %j (exit %i) as running=%s', async (stdout, exitCode, running) => {
    const { docker } = recordingDocker(() => ({ stdout: `${stdout}\n`, exitCode }));
    expect(await registryContainerRunning(docker, 5050)).toBe(running);
  });

  it('reports whether there was a container to stop', async () => {
    expect(await stopRegistryContainer(recordingDocker(() => ({ exitCode: 1 })).docker, 5050)).toBe(false);
    expect(await stopRegistryContainer(recordingDocker().docker, 5050)).toBe(true);
  });
});
