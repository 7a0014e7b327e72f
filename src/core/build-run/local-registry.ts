/**
 * The project's embedded registry (`image-manager start|stop|status registry`): the distribution registry binary
 * when installed (Debian's docker-registry), else the registry:2 container on a local Docker engine. State and
 * logs live in `<project>/.image-manager/registry/`. Status tells the truth: our process alive AND the port
 * answering is "running"; anything else on the port is named as such, never mistaken for ours.
 */
import { existsSync, readFileSync } from 'node:fs';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { isLoopbackHost, registryHost } from '../config/registry-settings';
import {
  findRegistryBinary,
  isAlive,
  portInUse,
  readRegistryPid,
  registryAnswers,
  startRegistryDaemon,
  stopRegistryDaemon,
} from '../daemon/registry-daemon';
import { OperationError } from '../shared/errors';
import {
  dockerAvailable,
  registryContainerName,
  registryContainerRunning,
  startRegistryContainer,
  stopRegistryContainer,
  type DockerRunner,
} from './registry-container';

export const LOCAL_REGISTRY_STATE_DIR = path.join('.image-manager', 'registry');
export const DEFAULT_LOCAL_REGISTRY = { host: '127.0.0.1', port: 5050 };
const CONTAINER_MARKER = 'container';

export interface LocalRegistry {
  /** Address to bind (a `localhost` URL binds 127.0.0.1). */
  host: string;
  port: number;
  /** `127.0.0.1:5050` */
  address: string;
  stateDir: string;
}

export type LocalRegistryStatus =
  | { state: 'running'; how: 'process' | 'container'; pid?: number; detail: string }
  | { state: 'not-running'; detail: string }
  | { state: 'unresponsive'; pid?: number; detail: string }
  | { state: 'other-registry'; detail: string }
  | { state: 'port-taken'; detail: string };

/**
 * The registry `start` manages for a project: the push registry itself when it is a loopback `host:port` (so a
 * project can use another port than 5050), else the default 127.0.0.1:5050.
 */
export function localRegistryFor(root: string, pushRegistryUrl: string): LocalRegistry {
  const hostAndPort = pushRegistryUrl.split('/')[0];
  const host = registryHost(pushRegistryUrl);
  const port = Number(/:(\d+)$/.exec(hostAndPort)?.[1]);
  const usable = isLoopbackHost(host) && !host.startsWith('[') && Number.isInteger(port) && port > 0;
  const bind = usable ? (host === 'localhost' ? '127.0.0.1' : host) : DEFAULT_LOCAL_REGISTRY.host;
  const chosenPort = usable ? port : DEFAULT_LOCAL_REGISTRY.port;
  return {
    host: bind,
    port: chosenPort,
    address: `${bind}:${chosenPort}`,
    stateDir: path.join(root, LOCAL_REGISTRY_STATE_DIR),
  };
}

/** The embedded default a build starts by itself when it is down: 127.0.0.1:5050 or localhost:5050. */
export function isEmbeddedDefaultRegistry(pushRegistryUrl: string): boolean {
  const hostAndPort = pushRegistryUrl.split('/')[0].toLowerCase();
  return hostAndPort === '127.0.0.1:5050' || hostAndPort === 'localhost:5050';
}

export async function localRegistryStatus(registry: LocalRegistry, docker: DockerRunner): Promise<LocalRegistryStatus> {
  const answers = await registryAnswers(registry.address);
  if (existsSync(path.join(registry.stateDir, CONTAINER_MARKER))) {
    const running = await registryContainerRunning(docker, registry.port).catch(() => false);
    const name = registryContainerName(registry.port);
    if (running && answers)
      return { state: 'running', how: 'container', detail: `container ${name} on ${registry.address}` };
    if (running)
      return { state: 'unresponsive', detail: `container ${name} runs but ${registry.address} does not answer` };
  }
  const pid = readRegistryPid(registry.stateDir);
  const ours = pid !== undefined && isAlive(pid) && isRegistryProcess(pid);
  if (ours && answers) {
    return {
      state: 'running',
      how: 'process',
      pid,
      detail: `pid ${pid} on ${registry.address}, log ${logFile(registry)}`,
    };
  }
  if (ours) {
    return {
      state: 'unresponsive',
      pid,
      detail: `pid ${pid} is alive but ${registry.address} does not answer (see ${logFile(registry)})`,
    };
  }
  if (answers) {
    return {
      state: 'other-registry',
      detail: `a registry not started by image-manager answers on ${registry.address}`,
    };
  }
  if (await portInUse(registry.host, registry.port)) {
    return { state: 'port-taken', detail: `${registry.address} is held by another program that is not a registry` };
  }
  return { state: 'not-running', detail: `nothing listens on ${registry.address}` };
}

export interface StartOutcome {
  started: boolean;
  status: LocalRegistryStatus;
}

/** Starts the registry unless it already runs; fails when the port is taken or our process hangs. */
export async function startLocalRegistry(registry: LocalRegistry, docker: DockerRunner): Promise<StartOutcome> {
  const status = await localRegistryStatus(registry, docker);
  if (status.state === 'running') return { started: false, status };
  if (status.state !== 'not-running') {
    throw new OperationError(`cannot start the local registry: ${status.detail}. ${remedy(status, registry)}`);
  }
  await fs.mkdir(registry.stateDir, { recursive: true });
  await fs.rm(path.join(registry.stateDir, CONTAINER_MARKER), { force: true });
  if (findRegistryBinary(docker.env)) {
    const running = await startRegistryDaemon({
      stateDir: registry.stateDir,
      host: registry.host,
      port: registry.port,
    });
    return {
      started: true,
      status: {
        state: 'running',
        how: 'process',
        pid: running.pid,
        detail: `pid ${running.pid} on ${running.address}, log ${running.logFile}`,
      },
    };
  }
  if (await dockerAvailable(docker)) {
    const dataDir = path.join(registry.stateDir, 'data');
    await fs.mkdir(dataDir, { recursive: true });
    await startRegistryContainer(docker, { host: registry.host, port: registry.port, dataDir });
    await fs.writeFile(path.join(registry.stateDir, CONTAINER_MARKER), `${registryContainerName(registry.port)}\n`);
    for (let i = 0; i < 150 && !(await registryAnswers(registry.address)); i++) await sleep(100);
    return { started: true, status: await localRegistryStatus(registry, docker) };
  }
  throw new OperationError(
    'cannot start the local registry: neither the distribution registry binary nor a Docker engine is available. ' +
      'Install the registry (Debian/Ubuntu: `apt-get install docker-registry`), or start Docker so the registry:2 ' +
      'container can run, or configure a registry you already have in .image-manager.yml (registries:).',
  );
}

/** Stops our registry (process or container); data is kept. Returns what happened, for the message. */
export async function stopLocalRegistry(
  registry: LocalRegistry,
  docker: DockerRunner,
): Promise<'stopped' | 'not-running' | 'not-ours'> {
  let stopped = false;
  if (existsSync(path.join(registry.stateDir, CONTAINER_MARKER))) {
    stopped = await stopRegistryContainer(docker, registry.port);
    await fs.rm(path.join(registry.stateDir, CONTAINER_MARKER), { force: true });
  }
  const pid = readRegistryPid(registry.stateDir);
  if (pid !== undefined && isAlive(pid) && isRegistryProcess(pid))
    stopped = (await stopRegistryDaemon(registry.stateDir)) || stopped;
  else await fs.rm(path.join(registry.stateDir, 'registry.pid'), { force: true });
  if (stopped) return 'stopped';
  return (await registryAnswers(registry.address)) || (await portInUse(registry.host, registry.port))
    ? 'not-ours'
    : 'not-running';
}

function remedy(status: LocalRegistryStatus, registry: LocalRegistry): string {
  switch (status.state) {
    case 'unresponsive':
      return 'Run `image-manager stop registry`, then start it again.';
    case 'other-registry':
      return `Use it as it is, or stop it; to run image-manager's own, configure another port (registries: - url: 127.0.0.1:<port>).`;
    default:
      return `Free the port, or configure another one in .image-manager.yml (registries: - url: ${registry.host}:<port>).`;
  }
}

/** Guards against a recycled pid: the process must be a registry (Linux /proc; elsewhere trust the pid file). */
function isRegistryProcess(pid: number): boolean {
  const cmdline = `/proc/${pid}/cmdline`;
  if (!existsSync(cmdline)) return existsSync('/proc/self') ? false : true;
  const program = readFileSync(cmdline, 'utf8').split('\0')[0];
  return /registry/.test(path.basename(program));
}

function logFile(registry: LocalRegistry): string {
  return path.join(registry.stateDir, 'registry.log');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Before a build: when the push registry is the embedded default and nothing answers there, start it (and say
 * so). Any registry already answering is used as it is; other push registries are never touched.
 */
export async function ensureLocalRegistryForBuild(
  root: string,
  pushRegistryUrl: string,
  docker: DockerRunner,
  logger: { info(message: string): void },
): Promise<void> {
  if (!isEmbeddedDefaultRegistry(pushRegistryUrl)) return;
  const registry = localRegistryFor(root, pushRegistryUrl);
  if (await registryAnswers(registry.address)) return;
  logger.info(
    `the local registry ${registry.address} is not running: starting it (as \`image-manager start registry\` does)`,
  );
  const outcome = await startLocalRegistry(registry, docker);
  logger.info(`local registry running: ${outcome.status.detail}`);
}
