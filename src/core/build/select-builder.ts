/**
 * Picks the builder: the requested one (failing with an install hint when it is not usable here), or the first
 * usable of: buildctl when BUILDKIT_HOST is set (an explicit BuildKit daemon is a deliberate choice), Docker with
 * BuildKit when a daemon answers (GitHub-hosted runners), buildah (daemonless; plain CI containers).
 */
import { OperationError } from '../shared/errors';
import type { Exec } from '../shared/exec';
import type { Logger } from '../shared/logger';
import { createBuildahBuilder, type BuildahBuilderOptions } from './buildah-builder';
import { createBuildctlBuilder, type BuildctlBuilderOptions } from './buildctl-builder';
import { dockerDaemonVersion, findDockerCli } from './docker-cli';
import { createDockerBuilder, type DockerBuilderOptions } from './docker-builder';
import type { Builder, BuilderKind } from './types';

export interface SelectBuilderOptions {
  requested?: BuilderKind;
  env: NodeJS.ProcessEnv;
  exec: Exec;
  log?: Logger;
  buildah?: BuildahBuilderOptions;
  /** `binary` forces one Docker CLI (also $IMAGE_MANAGER_DOCKER); otherwise every `docker` on PATH is tried. */
  docker?: Omit<DockerBuilderOptions, 'cli' | 'serverVersion'> & { binary?: string };
  buildctl?: BuildctlBuilderOptions;
}

type Probe = { builder: Builder } | { problem: string };

export async function selectBuilder(options: SelectBuilderOptions): Promise<Builder> {
  const probes: Record<BuilderKind, () => Promise<Probe>> = {
    buildctl: () => probeBuildctl(options),
    docker: () => probeDocker(options),
    buildah: () => probeBuildah(options),
  };
  if (options.requested) {
    const probe = await probes[options.requested]();
    if ('builder' in probe) return announce(probe.builder, options.log);
    throw new OperationError(`the ${options.requested} builder cannot be used here: ${probe.problem}`);
  }
  const problems: string[] = [];
  for (const kind of ['buildctl', 'docker', 'buildah'] as const) {
    const probe = await probes[kind]();
    if ('builder' in probe) return announce(probe.builder, options.log);
    problems.push(`${kind}: ${probe.problem}`);
  }
  throw new OperationError(
    `no image builder is usable on this machine:\n  ${problems.join('\n  ')}\n` +
      'Install buildah (`apt-get install buildah`; daemonless, works in unprivileged CI containers), ' +
      'or provide a Docker engine with BuildKit, or a BuildKit daemon with buildctl and BUILDKIT_HOST.',
  );
}

function announce(builder: Builder, log: Logger | undefined): Builder {
  log?.info(`builder: ${builder.describe()}`);
  return builder;
}

async function probeBuildah(options: SelectBuilderOptions): Promise<Probe> {
  const binary = options.buildah?.binary ?? 'buildah';
  const version = await versionOf(options, binary, ['--version']);
  if (version === undefined) return { problem: `${binary} is not installed (Debian/Ubuntu: apt-get install buildah)` };
  const builder = createBuildahBuilder(
    { exec: options.exec, env: options.env },
    { ...options.buildah, version: parseVersion(version) },
  );
  return { builder };
}

async function probeDocker(options: SelectBuilderOptions): Promise<Probe> {
  const search = await findDockerCli(options.exec, options.env, options.docker?.binary);
  if (!search.found) {
    const why = search.rejected.length > 0 ? search.rejected.join('; ') : 'no docker CLI on PATH';
    return { problem: why };
  }
  const serverVersion = await dockerDaemonVersion(options.exec, options.env, search.found.binary);
  if (serverVersion === undefined) {
    return {
      problem: `no Docker daemon answers at ${options.env.DOCKER_HOST ?? 'the default socket'} (start dockerd or set DOCKER_HOST)`,
    };
  }
  const builder = createDockerBuilder(
    { exec: options.exec, env: options.env },
    { ...options.docker, cli: search.found, serverVersion },
  );
  return { builder };
}

async function probeBuildctl(options: SelectBuilderOptions): Promise<Probe> {
  const address = options.buildctl?.address ?? options.env.BUILDKIT_HOST;
  if (!address) return { problem: 'BUILDKIT_HOST is not set (the address of a BuildKit daemon, e.g. tcp://buildkitd:1234)' };
  const binary = options.buildctl?.binary ?? 'buildctl';
  const version = await versionOf(options, binary, ['--version']);
  if (version === undefined) {
    return { problem: `${binary} is not installed (it ships in the moby/buildkit images and BuildKit releases)` };
  }
  const builder = createBuildctlBuilder(
    { exec: options.exec, env: options.env },
    { ...options.buildctl, address, version: parseVersion(version) },
  );
  return { builder };
}

async function versionOf(options: SelectBuilderOptions, binary: string, args: string[]): Promise<string | undefined> {
  try {
    const result = await options.exec(binary, args, { env: options.env, timeoutMs: 30000 });
    return result.exitCode === 0 ? result.stdout + result.stderr : undefined;
  } catch {
    return undefined;
  }
}

/** The first x.y.z in a `--version` output (`buildah version 1.28.2 (…)`, `buildctl github.com/… v0.12.5 …`). */
function parseVersion(output: string): string | undefined {
  return /(\d+\.\d+\.\d+[\w.+~-]*)/.exec(output)?.[1];
}
