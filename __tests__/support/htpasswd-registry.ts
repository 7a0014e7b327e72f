/**
 * Registries with non-default settings for tests: one behind htpasswd Basic auth (bcrypt file from `htpasswd -Bbn`,
 * Debian package apache2-utils), and one with manifest deletion disabled (to see the registry's real refusal).
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, openSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  isAlive,
  registryAnswers,
  registryConfigYaml,
  type RunningRegistry,
} from '../../src/core/daemon/registry-daemon';
import { requireTool } from './containers-env';
import { testStateDir } from './shared-services';
import { freePort, requireRegistryBinary, startTestRegistry } from './test-registry';

export async function startHtpasswdRegistry(user: string, password: string): Promise<RunningRegistry> {
  requireTool('htpasswd', 'apt-get install apache2-utils');
  const dir = path.join(testStateDir(), 'htpasswd', `${process.pid}-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'htpasswd');
  writeFileSync(file, execFileSync('htpasswd', ['-Bbn', user, password], { encoding: 'utf8' }));
  return startTestRegistry('htpasswd', { type: 'htpasswd', realm: 'test', path: file });
}

/** A plain registry whose configuration forbids DELETE (the distribution default when `delete` is not enabled). */
export async function startRegistryWithoutDelete(): Promise<RunningRegistry> {
  const binary = requireRegistryBinary();
  const stateDir = path.join(testStateDir(), 'registries', `no-delete-${process.pid}-${Date.now()}`);
  mkdirSync(path.join(stateDir, 'data'), { recursive: true });
  const port = await freePort();
  const config = registryConfigYaml({ stateDir, port }).replace(
    /delete:\n\s+enabled: true/,
    'delete:\n    enabled: false',
  );
  if (!config.includes('enabled: false')) throw new Error('registryConfigYaml changed: cannot disable delete');
  const configFile = path.join(stateDir, 'config.yml');
  writeFileSync(configFile, config);
  const log = openSync(path.join(stateDir, 'registry.log'), 'a');
  const child = spawn(binary, ['serve', configFile], { detached: true, stdio: ['ignore', log, log] });
  child.unref();
  const pid = child.pid;
  if (!pid) throw new Error(`could not start ${binary}`);
  const pids = path.join(testStateDir(), 'pids');
  mkdirSync(pids, { recursive: true });
  writeFileSync(path.join(pids, `registry-no-delete-${pid}`), `${pid}\n`);
  const address = `127.0.0.1:${port}`;
  for (let i = 0; i < 150; i++) {
    if ((await registryAnswers(address)) && isAlive(pid)) {
      return { pid, host: '127.0.0.1', port, address, logFile: path.join(stateDir, 'registry.log') };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the registry without delete did not come up on ${address}`);
}
