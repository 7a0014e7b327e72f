/**
 * Finding a Docker CLI that can drive BuildKit. With the buildx plugin (GitHub-hosted runners) we use `docker buildx
 * build`. Without it, a CLI older than 23.0 still carries the built-in BuildKit client (`DOCKER_BUILDKIT=1 docker
 * build`), while 23.0+ refuses BuildKit altogether. A machine may have both kinds (here: /usr/local/bin/docker 28
 * without buildx and Debian's /usr/bin/docker 20.10), so every `docker` on PATH is tried in order.
 */
import { existsSync, realpathSync } from 'node:fs';
import * as path from 'node:path';
import type { Exec } from '../shared/exec';

export type DockerBuildMode = 'buildx' | 'legacy';

export interface DockerCli {
  binary: string;
  mode: DockerBuildMode;
  clientVersion: string;
}

export type DockerCliSearch = { found: DockerCli; rejected: string[] } | { found?: undefined; rejected: string[] };

/** The first usable CLI: `explicit` (or $IMAGE_MANAGER_DOCKER) only, when given; else each `docker` on PATH. */
export async function findDockerCli(exec: Exec, env: NodeJS.ProcessEnv, explicit?: string): Promise<DockerCliSearch> {
  const rejected: string[] = [];
  for (const binary of dockerCandidates(env, explicit ?? env.IMAGE_MANAGER_DOCKER)) {
    const version = await run(exec, env, binary, ['--version']);
    if (!version.ok) {
      rejected.push(`${binary}: does not run (${version.output.trim().split('\n')[0] || 'no output'})`);
      continue;
    }
    const hasBuildx = (await run(exec, env, binary, ['buildx', 'version'])).ok;
    const verdict = classifyDockerCli(binary, version.output, hasBuildx);
    if (typeof verdict !== 'string') return { found: verdict, rejected };
    rejected.push(verdict);
  }
  return { rejected };
}

/** Whether a CLI can drive BuildKit, from its `--version` output and whether `buildx version` works; else why not. */
export function classifyDockerCli(binary: string, versionOutput: string, hasBuildx: boolean): DockerCli | string {
  const clientVersion = /Docker version (\d[\w.+~-]*)/.exec(versionOutput)?.[1];
  if (!clientVersion && /podman/i.test(versionOutput)) {
    return `${binary} is podman's Docker emulation, which has no BuildKit: use the buildah builder instead`;
  }
  if (!clientVersion) return `${binary}: not a Docker CLI (\`--version\` printed "${versionOutput.trim().slice(0, 80)}")`;
  if (hasBuildx) return { binary, mode: 'buildx', clientVersion };
  if (Number(clientVersion.split('.')[0]) < 23) return { binary, mode: 'legacy', clientVersion };
  return (
    `${binary} ${clientVersion}: no buildx plugin, and Docker 23+ cannot use BuildKit without it ` +
    '(install the docker-buildx-plugin package, or use docker/setup-buildx-action on GitHub)'
  );
}

/** True when the Docker daemon the CLI points at (DOCKER_HOST or the default socket) answers. */
export async function dockerDaemonVersion(exec: Exec, env: NodeJS.ProcessEnv, binary: string): Promise<string | undefined> {
  const result = await run(exec, env, binary, ['version', '--format', '{{.Server.Version}}']);
  return result.ok ? result.output.trim() : undefined;
}

/** A daemon on this machine shares our binfmt_misc handlers; a remote one (tcp://, ssh://) has its own. */
export function dockerDaemonIsLocal(env: NodeJS.ProcessEnv): boolean {
  const host = env.DOCKER_HOST;
  return !host || host.startsWith('unix://') || host.startsWith('npipe://');
}

export function dockerCandidates(env: NodeJS.ProcessEnv, explicit?: string): string[] {
  if (explicit) return [explicit];
  const seen = new Set<string>();
  const candidates: string[] = [];
  const dirs = (env.PATH ?? '').split(path.delimiter).filter(Boolean).concat(['/usr/bin']);
  for (const dir of dirs) {
    const candidate = path.join(dir, 'docker');
    if (!existsSync(candidate)) continue;
    let real = candidate;
    try {
      real = realpathSync(candidate);
    } catch {
      // a dangling link is tried as is and rejected when it does not run
    }
    if (seen.has(real)) continue;
    seen.add(real);
    candidates.push(candidate);
  }
  return candidates;
}

async function run(exec: Exec, env: NodeJS.ProcessEnv, binary: string, args: string[]) {
  try {
    const result = await exec(binary, args, { env, timeoutMs: 30000 });
    return { ok: result.exitCode === 0, output: result.stdout + result.stderr };
  } catch (error) {
    return { ok: false, output: (error as Error).message };
  }
}
