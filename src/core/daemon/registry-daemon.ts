/**
 * Runs the CNCF distribution registry (Debian's `docker-registry`, upstream `registry serve`) as a background
 * process: the embedded default registry of `image-manager start registry`, and the real registry the tests use.
 * State (config, data, log, pid) lives in one folder so `stop` and `status` find it again.
 */
import { spawn } from 'node:child_process';
import { existsSync, openSync, promises as fs, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import * as path from 'node:path';
import { OperationError } from '../shared/errors';

export type RegistryAuth =
  | { type: 'htpasswd'; realm: string; path: string }
  | { type: 'token'; realm: string; service: string; issuer: string; rootCertBundle: string };

export interface RegistryDaemonOptions {
  /** Folder for config.yml, data/, registry.log and registry.pid. */
  stateDir: string;
  host?: string;
  port: number;
  auth?: RegistryAuth;
  /** Registry binary; default: `docker-registry` (Debian) or `registry` found on PATH. */
  binary?: string;
  readyTimeoutMs?: number;
}

export interface RunningRegistry {
  pid: number;
  host: string;
  port: number;
  /** `127.0.0.1:5050`, as used in image references. */
  address: string;
  logFile: string;
}

const CANDIDATE_BINARIES = ['docker-registry', 'registry'];

export function findRegistryBinary(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dirs = (env.PATH ?? '').split(path.delimiter).concat(['/usr/bin', '/usr/local/bin']);
  for (const name of CANDIDATE_BINARIES) {
    for (const dir of dirs) {
      const candidate = path.join(dir, name);
      if (dir && existsSync(candidate)) return candidate;
    }
  }
  return undefined;
}

export function registryConfigYaml(options: RegistryDaemonOptions): string {
  const host = options.host ?? '127.0.0.1';
  const lines = [
    'version: 0.1',
    'log:',
    '  level: warn',
    '  accesslog:',
    '    disabled: true',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${JSON.stringify(path.join(options.stateDir, 'data'))}`,
    '  delete:',
    '    enabled: true',
    'http:',
    `  addr: ${host}:${options.port}`,
    '  headers:',
    '    X-Content-Type-Options: [nosniff]',
  ];
  if (options.auth?.type === 'htpasswd') {
    lines.push(
      'auth:',
      '  htpasswd:',
      `    realm: ${JSON.stringify(options.auth.realm)}`,
      `    path: ${JSON.stringify(options.auth.path)}`,
    );
  } else if (options.auth?.type === 'token') {
    const a = options.auth;
    lines.push(
      'auth:',
      '  token:',
      `    realm: ${JSON.stringify(a.realm)}`,
      `    service: ${JSON.stringify(a.service)}`,
      `    issuer: ${JSON.stringify(a.issuer)}`,
      `    rootcertbundle: ${JSON.stringify(a.rootCertBundle)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Starts the registry and waits until `/v2/` answers. Fails with the log's tail when it does not come up. */
export async function startRegistryDaemon(options: RegistryDaemonOptions): Promise<RunningRegistry> {
  const binary = options.binary ?? findRegistryBinary();
  if (!binary) {
    throw new OperationError(
      'no registry binary found: install the distribution registry (Debian/Ubuntu: `apt-get install docker-registry`) or point the config at an existing registry',
    );
  }
  const host = options.host ?? '127.0.0.1';
  if (await portInUse(host, options.port)) {
    throw new OperationError(`cannot start the registry: ${host}:${options.port} is already in use by another process`);
  }
  await fs.mkdir(path.join(options.stateDir, 'data'), { recursive: true });
  const configFile = path.join(options.stateDir, 'config.yml');
  await fs.writeFile(configFile, registryConfigYaml(options));
  const logFile = path.join(options.stateDir, 'registry.log');
  const log = openSync(logFile, 'a');
  const child = spawn(binary, ['serve', configFile], { detached: true, stdio: ['ignore', log, log] });
  child.unref();
  const pid = child.pid;
  if (!pid) throw new OperationError(`could not start ${binary}`);
  await fs.writeFile(path.join(options.stateDir, 'registry.pid'), `${pid}\n`);
  const running: RunningRegistry = { pid, host, port: options.port, address: `${host}:${options.port}`, logFile };
  const deadline = Date.now() + (options.readyTimeoutMs ?? 15000);
  while (Date.now() < deadline) {
    if (!isAlive(pid)) break;
    // Our own process must still be alive: an answer alone could come from someone else on the port.
    if ((await registryAnswers(running.address)) && isAlive(pid)) return running;
    await new Promise((r) => setTimeout(r, 100));
  }
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    // it already exited; the log says why
  }
  const tail = existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n') : '';
  throw new OperationError(`the registry on ${running.address} did not come up; last lines of ${logFile}:\n${tail}`);
}

export function portInUse(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

/** True when something on `address` speaks the registry API (200, or 401 when it requires auth). */
export async function registryAnswers(address: string, timeoutMs = 1000): Promise<boolean> {
  try {
    const response = await fetch(`http://${address}/v2/`, { signal: AbortSignal.timeout(timeoutMs) });
    await response.arrayBuffer();
    return response.status === 200 || response.status === 401;
  } catch {
    return false;
  }
}

export function readRegistryPid(stateDir: string): number | undefined {
  const file = path.join(stateDir, 'registry.pid');
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  return pid > 0 ? pid : undefined;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Stops the registry recorded in `stateDir`; true when one was running. Data is kept. */
export async function stopRegistryDaemon(stateDir: string): Promise<boolean> {
  const pid = readRegistryPid(stateDir);
  await fs.rm(path.join(stateDir, 'registry.pid'), { force: true });
  if (!pid || !isAlive(pid)) return false;
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 50 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  return true;
}
