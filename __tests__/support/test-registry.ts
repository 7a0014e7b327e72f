/**
 * A real distribution registry for integration tests, started once per test run and shared by every test file
 * and jest worker (a mkdir lock decides who starts it). Tests use their own repository names to stay apart.
 */
import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import * as path from 'node:path';
import {
  findRegistryBinary,
  isAlive,
  registryAnswers,
  startRegistryDaemon,
  type RegistryAuth,
  type RunningRegistry,
} from '../../src/core/daemon/registry-daemon';
import { testStateDir } from './shared-services';

export function requireRegistryBinary(): string {
  const binary = findRegistryBinary();
  if (!binary) {
    throw new Error(
      'the distribution registry is not installed: run `bash scripts/install-deps.sh` (apt-get install docker-registry)',
    );
  }
  return binary;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts a registry only for the caller (e.g. one with auth). Registered for teardown. */
export async function startTestRegistry(name: string, auth?: RegistryAuth): Promise<RunningRegistry> {
  requireRegistryBinary();
  const stateDir = path.join(testStateDir(), 'registries', `${name}-${process.pid}-${Date.now()}`);
  const registry = await startRegistryDaemon({ stateDir, port: await freePort(), auth });
  registerPid(`registry-${name}-${registry.pid}`, registry.pid);
  return registry;
}

/** The shared, auth-less registry of this test run. */
export async function sharedRegistry(): Promise<RunningRegistry> {
  requireRegistryBinary();
  const dir = path.join(testStateDir(), 'shared-registry');
  const stateFile = path.join(dir, 'state.json');
  const lock = path.join(testStateDir(), 'shared-registry.lock');
  mkdirSync(dir, { recursive: true });
  for (let attempt = 0; attempt < 300; attempt++) {
    try {
      mkdirSync(lock);
    } catch {
      await new Promise((r) => setTimeout(r, 100));
      continue;
    }
    try {
      if (existsSync(stateFile)) {
        const state = JSON.parse(readFileSync(stateFile, 'utf8')) as RunningRegistry;
        if (isAlive(state.pid) && (await registryAnswers(state.address))) return state;
      }
      const registry = await startRegistryDaemon({ stateDir: dir, port: await freePort() });
      writeFileSync(stateFile, JSON.stringify(registry));
      registerPid('shared-registry', registry.pid);
      return registry;
    } finally {
      rmdirSync(lock);
    }
  }
  throw new Error('timed out waiting for the shared test registry lock');
}

function registerPid(name: string, pid: number): void {
  const dir = path.join(testStateDir(), 'pids');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, name), `${pid}\n`);
}
