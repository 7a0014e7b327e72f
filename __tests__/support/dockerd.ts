/**
 * A real Docker engine for the Docker/BuildKit builder tests: Debian's dockerd 20.10 (BuildKit built in), started
 * once per test run and shared by every jest worker (a mkdir lock decides who starts it; its pid is registered so
 * the global teardown stops it). Flags from environment.md §8: no iptables, no bridge (builds need `--network
 * host`), vfs storage, everything under the test state directory. The shared test registry is marked insecure.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, openSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { isAlive } from '../../src/core/daemon/registry-daemon';
import { requireTool } from './containers-env';
import { testStateDir } from './shared-services';
import { sharedRegistry } from './test-registry';

export interface RunningDockerd {
  pid: number;
  /** `unix:///…/docker.sock`, for DOCKER_HOST. */
  host: string;
  socket: string;
  insecureRegistry: string;
  logFile: string;
}

/** Env for the docker CLI talking to the test engine. */
export function dockerEnv(dockerd: RunningDockerd): NodeJS.ProcessEnv {
  return { ...process.env, DOCKER_HOST: dockerd.host };
}

export async function sharedDockerd(): Promise<RunningDockerd> {
  requireTool('dockerd', 'apt-get install docker.io');
  const registry = (await sharedRegistry()).address;
  const dir = path.join(testStateDir(), 'dockerd');
  const stateFile = path.join(dir, 'state.json');
  const lock = path.join(testStateDir(), 'dockerd.lock');
  mkdirSync(dir, { recursive: true });
  for (let attempt = 0; attempt < 1200; attempt++) {
    try {
      mkdirSync(lock);
    } catch {
      await new Promise((r) => setTimeout(r, 100));
      continue;
    }
    try {
      if (existsSync(stateFile)) {
        const state = JSON.parse(readFileSync(stateFile, 'utf8')) as RunningDockerd;
        if (isAlive(state.pid) && state.insecureRegistry === registry && (await pingDocker(state.socket))) return state;
        if (isAlive(state.pid)) await stopDockerd(state.pid);
      }
      const dockerd = await startDockerd(dir, registry);
      writeFileSync(stateFile, JSON.stringify(dockerd));
      const pids = path.join(testStateDir(), 'pids');
      mkdirSync(pids, { recursive: true });
      writeFileSync(path.join(pids, 'dockerd'), `${dockerd.pid}\n`);
      return dockerd;
    } finally {
      rmdirSync(lock);
    }
  }
  throw new Error('timed out waiting for the dockerd lock');
}

async function startDockerd(dir: string, insecureRegistry: string): Promise<RunningDockerd> {
  const socket = path.join(dir, 'docker.sock');
  // containerd puts its sockets under the exec root, and unix socket paths are limited to 107 bytes: a deep CI
  // checkout (/home/runner/work/<repo>/<repo>/build/…) would overflow, so the exec root lives in a short tmp path.
  const execRoot = path.join(tmpdir(), `im-dockerd-${createHash('sha256').update(dir).digest('hex').slice(0, 8)}`);
  const logFile = path.join(dir, 'dockerd.log');
  const args = [
    '--iptables=false',
    '--bridge=none',
    '--storage-driver=vfs',
    `--data-root=${path.join(dir, 'data')}`,
    `--exec-root=${execRoot}`,
    `--pidfile=${path.join(dir, 'dockerd.pid')}`,
    `--host=unix://${socket}`,
    `--insecure-registry=${insecureRegistry}`,
  ];
  const log = openSync(logFile, 'a');
  const child = spawn('dockerd', args, { detached: true, stdio: ['ignore', log, log] });
  child.unref();
  const pid = child.pid;
  if (!pid) throw new Error('could not start dockerd');
  const deadline = Date.now() + 30000;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) break;
    if (await pingDocker(socket)) return { pid, host: `unix://${socket}`, socket, insecureRegistry, logFile };
    await new Promise((r) => setTimeout(r, 200));
  }
  const tail = readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n');
  throw new Error(`dockerd did not come up (see ${logFile}):\n${tail}`);
}

async function stopDockerd(pid: number): Promise<void> {
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
}

/** GET /_ping on the engine's socket: "OK" once the API is up. */
function pingDocker(socket: string): Promise<boolean> {
  return new Promise((resolve) => {
    if (!existsSync(socket)) return resolve(false);
    const req = request({ socketPath: socket, path: '/_ping', timeout: 1000 }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c));
      res.on('end', () => resolve(res.statusCode === 200 && body === 'OK'));
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
    req.end();
  });
}
