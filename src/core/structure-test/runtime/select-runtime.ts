/**
 * Picks the runtime for command tests: the requested one, or the first that works here of docker (a daemon answers
 * at DOCKER_HOST or the default socket), podman, buildah. No runtime is not an error at this point: the caller
 * reports command tests as not run, with the reasons collected here.
 */
import { createBuildahRuntime, type BuildahRuntimeOptions } from './buildah-runtime';
import type { ContainerRuntime, RuntimeContext, RuntimeName } from './container-runtime';
import { createEngineRuntime, type EngineRuntimeOptions } from './engine-runtime';
import { runCommand } from './run-tool';

export interface RuntimeSelectionOptions {
  /** A runtime to use, or `auto` (default) to detect one. */
  requested?: RuntimeName | 'auto';
  docker?: EngineRuntimeOptions;
  podman?: EngineRuntimeOptions;
  buildah?: BuildahRuntimeOptions;
}

export type RuntimeSelection =
  { runtime: ContainerRuntime; problems: string[] } | { runtime?: undefined; problems: string[] };

const INSTALL_HINT =
  'install podman or buildah (Debian/Ubuntu: apt-get install podman buildah), or provide a Docker daemon (DOCKER_HOST)';

export async function selectRuntime(
  context: RuntimeContext,
  options: RuntimeSelectionOptions = {},
): Promise<RuntimeSelection> {
  const probes: Record<RuntimeName, () => Promise<ContainerRuntime | string>> = {
    docker: () => probeDocker(context, options.docker),
    podman: () => probePodman(context, options.podman),
    buildah: () => probeBuildah(context, options.buildah),
  };
  const order: RuntimeName[] =
    options.requested && options.requested !== 'auto' ? [options.requested] : ['docker', 'podman', 'buildah'];
  const problems: string[] = [];
  for (const name of order) {
    const probe = await probes[name]();
    if (typeof probe !== 'string') return { runtime: probe, problems };
    problems.push(`${name}: ${probe}`);
  }
  problems.push(INSTALL_HINT);
  return { problems };
}

async function probeDocker(
  context: RuntimeContext,
  options: EngineRuntimeOptions = {},
): Promise<ContainerRuntime | string> {
  const binary = options.binary ?? 'docker';
  const server = await version(context, binary, [
    ...(options.globalArgs ?? []),
    'version',
    '--format',
    '{{.Server.Version}}',
  ]);
  if (server === undefined) {
    return `no Docker daemon answers at ${context.env.DOCKER_HOST ?? 'the default socket'} (or the docker CLI is missing)`;
  }
  return createEngineRuntime('docker', context, { ...options, version: server });
}

async function probePodman(
  context: RuntimeContext,
  options: EngineRuntimeOptions = {},
): Promise<ContainerRuntime | string> {
  const binary = options.binary ?? 'podman';
  const client = await version(context, binary, [
    ...(options.globalArgs ?? []),
    'version',
    '--format',
    '{{.Client.Version}}',
  ]);
  if (client === undefined) return 'podman is not installed or does not work here';
  return createEngineRuntime('podman', context, { ...options, version: client });
}

async function probeBuildah(
  context: RuntimeContext,
  options: BuildahRuntimeOptions = {},
): Promise<ContainerRuntime | string> {
  const output = await version(context, options.binary ?? 'buildah', ['--version']);
  if (output === undefined) return 'buildah is not installed';
  return createBuildahRuntime(context, { ...options, version: /version (\S+)/.exec(output)?.[1] });
}

async function version(context: RuntimeContext, binary: string, args: string[]): Promise<string | undefined> {
  try {
    const result = await runCommand(context, binary, args, { timeoutMs: 20000 });
    return result.exitCode === 0 && result.stdout.trim() !== '' ? result.stdout.trim() : undefined;
  } catch {
    return undefined;
  }
}
