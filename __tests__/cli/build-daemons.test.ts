/** `image-manager start|stop|status [registry]` on a project whose push registry is a loopback port (real registry binary). */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { imageManager } from '../core/build-run/build-run-fixtures';
import { isAlive, registryAnswers } from '../../src/core/daemon/registry-daemon';
import { makeProject } from '../support/project-fixture';
import { testStateDir } from '../support/shared-services';
import { freePort, requireRegistryBinary, sharedRegistry } from '../support/test-registry';

const env = { ...process.env, NO_COLOR: '1' };
const projectOn = (address: string) =>
  makeProject({ '.image-manager.yml': `registries:\n  - url: ${address}/team\n`, 'images/.keep': '' });

describe('image-manager start|stop|status', () => {
  beforeAll(() => requireRegistryBinary());

  it('starts the registry, reports it, stops it and reports that too', async () => {
    const address = `127.0.0.1:${await freePort()}`;
    const root = projectOn(address);
    const im = (...args: string[]) => imageManager(args, { cwd: root, env });

    expect(await im('status')).toMatchObject({
      code: 1,
      stdout: `registry: not running (nothing listens on ${address})\n`,
    });
    const start = await im('start', 'registry');
    expect(start.code).toBe(0);
    const pid = Number(/pid (\d+)/.exec(start.stdout)?.[1]);
    mkdirSync(path.join(testStateDir(), 'pids'), { recursive: true });
    writeFileSync(path.join(testStateDir(), 'pids', `cli-registry-${pid}`), `${pid}\n`);
    expect(start.stdout).toBe(
      `registry: started (pid ${pid} on ${address}, log ${path.join(root, '.image-manager/registry/registry.log')})\n`,
    );
    expect(await registryAnswers(address)).toBe(true);
    expect((await im('start')).stdout).toMatch(/^registry: already running \(pid \d+ on /);
    expect(await im('status', 'registry')).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^registry: running \(pid \d+ on /),
    });

    const stop = await im('stop');
    expect(stop).toMatchObject({
      code: 0,
      stdout: `registry: stopped (${address}; data kept in ${path.join(root, '.image-manager/registry')}/data)\n`,
    });
    expect(isAlive(pid)).toBe(false);
    expect((await im('stop')).stdout).toBe(`registry: was not running (${address})\n`);
    expect((await im('status')).code).toBe(1);
  });

  it('says so when another registry answers on the port, and does not stop it', async () => {
    const shared = await sharedRegistry();
    const root = projectOn(shared.address);
    const status = await imageManager(['status'], { cwd: root, env });
    expect(status).toMatchObject({
      code: 0,
      stdout: `registry: another registry answers (a registry not started by image-manager answers on ${shared.address})\n`,
    });
    expect((await imageManager(['stop'], { cwd: root, env })).stdout).toContain('not stopped: what runs on');
    expect(await registryAnswers(shared.address)).toBe(true);
  });

  it('rejects other daemon names (only the registry exists)', async () => {
    const run = await imageManager(['start', 'buildkitd'], { cwd: projectOn('127.0.0.1:5999'), env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown daemon "buildkitd": image-manager only runs the local registry');
  });
});
