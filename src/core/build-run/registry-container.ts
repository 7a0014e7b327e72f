/**
 * The embedded registry as a `registry:2` container, for machines with a Docker engine but without the
 * distribution registry binary (e.g. macOS with Docker Desktop). Same address, same data folder as the binary
 * path, so switching between the two keeps the images.
 */
import type { Exec } from '../shared/exec';
import { OperationError } from '../shared/errors';

export const REGISTRY_CONTAINER_IMAGE = 'registry:2';

export interface RegistryContainerTarget {
  host: string;
  port: number;
  /** Host folder mounted as the registry's storage. */
  dataDir: string;
}

/** One container per port, so two projects on different ports do not fight over one name. */
export function registryContainerName(port: number): string {
  return `image-manager-registry-${port}`;
}

/** `docker run` arguments: published on the loopback address only, storage in the project folder, deletes allowed. */
export function registryContainerRunArgs(target: RegistryContainerTarget): string[] {
  return [
    'run',
    '--detach',
    '--name',
    registryContainerName(target.port),
    '--publish',
    `${target.host}:${target.port}:5000`,
    '--volume',
    `${target.dataDir}:/var/lib/registry`,
    '--env',
    'REGISTRY_STORAGE_DELETE_ENABLED=true',
    '--restart',
    'unless-stopped',
    REGISTRY_CONTAINER_IMAGE,
  ];
}

export function registryContainerStatusArgs(port: number): string[] {
  return ['inspect', '--format', '{{.State.Running}}', registryContainerName(port)];
}

export function registryContainerStopArgs(port: number): string[] {
  return ['rm', '--force', registryContainerName(port)];
}

export interface DockerRunner {
  exec: Exec;
  env: NodeJS.ProcessEnv;
  /** Docker CLI binary (default `docker`). */
  binary?: string;
}

/** True when a Docker daemon answers, i.e. the container path can be used. */
export async function dockerAvailable(docker: DockerRunner): Promise<boolean> {
  try {
    const result = await docker.exec(docker.binary ?? 'docker', ['version', '--format', '{{.Server.Version}}'], {
      env: docker.env,
      timeoutMs: 15000,
    });
    return result.exitCode === 0;
  } catch {
    return false;
  }
}

export async function startRegistryContainer(docker: DockerRunner, target: RegistryContainerTarget): Promise<void> {
  // A stopped container of the same name (from an earlier start) would make `run` fail.
  await docker.exec(docker.binary ?? 'docker', registryContainerStopArgs(target.port), { env: docker.env });
  const result = await docker.exec(docker.binary ?? 'docker', registryContainerRunArgs(target), { env: docker.env });
  if (result.exitCode !== 0) {
    throw new OperationError(
      `could not start the ${REGISTRY_CONTAINER_IMAGE} container on ${target.host}:${target.port}: ${result.stderr.trim()}` +
        ' (the Docker engine must be able to pull registry:2, or install the registry binary: apt-get install docker-registry)',
    );
  }
}

export async function registryContainerRunning(docker: DockerRunner, port: number): Promise<boolean> {
  const result = await docker.exec(docker.binary ?? 'docker', registryContainerStatusArgs(port), { env: docker.env });
  return result.exitCode === 0 && result.stdout.trim() === 'true';
}

/** Removes the container (data stays in the mounted folder); true when there was one. */
export async function stopRegistryContainer(docker: DockerRunner, port: number): Promise<boolean> {
  const result = await docker.exec(docker.binary ?? 'docker', registryContainerStopArgs(port), { env: docker.env });
  return result.exitCode === 0;
}
