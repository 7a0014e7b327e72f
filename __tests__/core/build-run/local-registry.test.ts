import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  isEmbeddedDefaultRegistry,
  localRegistryFor,
  localRegistryStatus,
  startLocalRegistry,
  stopLocalRegistry,
} from '../../../src/core/build-run/local-registry';
import { isAlive, registryAnswers } from '../../../src/core/daemon/registry-daemon';
import { execProcess } from '../../../src/core/shared/exec';
import { testStateDir } from '../../support/shared-services';
import { freePort, requireRegistryBinary, sharedRegistry } from '../../support/test-registry';

const docker = { exec: execProcess, env: process.env };

describe('which local registry a project manages', () => {
  it.each([
    ['127.0.0.1:5050', '127.0.0.1', 5050],
    ['localhost:5055/team', '127.0.0.1', 5055],
    ['127.0.0.2:6000', '127.0.0.2', 6000],
    ['ghcr.io/acme', '127.0.0.1', 5050],
    ['registry.example.com:5000', '127.0.0.1', 5050],
    ['localhost', '127.0.0.1', 5050],
  ])('push registry %s → %s:%i', (url, host, port) => {
    const registry = localRegistryFor('/project', url);
    expect(registry).toEqual({ host, port, address: `${host}:${port}`, stateDir: '/project/.image-manager/registry' });
  });

  it.each([
    ['127.0.0.1:5050', true],
    ['localhost:5050', true],
    ['127.0.0.1:5050/team', true],
    ['127.0.0.1:5051', false],
    ['ghcr.io/acme', false],
  ])('a build starts %s by itself: %s', (url, expected) => {
    expect(isEmbeddedDefaultRegistry(url)).toBe(expected);
  });
});

describe('the local registry, for real', () => {
  beforeAll(() => requireRegistryBinary());

  const project = async () => {
    const root = mkdtempSync(path.join(testStateDir(), 'local-registry-'));
    return localRegistryFor(root, `127.0.0.1:${await freePort()}`);
  };

  it('starts, reports running, is idempotent, stops, and reports not running', async () => {
    const registry = await project();
    expect(await localRegistryStatus(registry, docker)).toEqual({
      state: 'not-running',
      detail: `nothing listens on ${registry.address}`,
    });
    const started = await startLocalRegistry(registry, docker);
    expect(started.started).toBe(true);
    const pid = started.status.state === 'running' ? (started.status.pid as number) : -1;
    try {
      // The global teardown stops it even when this test fails half-way.
      mkdirSync(path.join(testStateDir(), 'pids'), { recursive: true });
      writeFileSync(path.join(testStateDir(), 'pids', `local-registry-${pid}`), `${pid}\n`);
      expect(await registryAnswers(registry.address)).toBe(true);
      const status = await localRegistryStatus(registry, docker);
      expect(status).toMatchObject({ state: 'running', how: 'process', pid });
      expect(status.detail).toContain(path.join(registry.stateDir, 'registry.log'));
      expect((await startLocalRegistry(registry, docker)).started).toBe(false);
    } finally {
      expect(await stopLocalRegistry(registry, docker)).toBe('stopped');
    }
    expect(isAlive(pid)).toBe(false);
    expect((await localRegistryStatus(registry, docker)).state).toBe('not-running');
    expect(await stopLocalRegistry(registry, docker)).toBe('not-running');
  });

  it('tells another registry on the port apart from its own, and leaves it alone', async () => {
    const shared = await sharedRegistry();
    const registry = localRegistryFor(mkdtempSync(path.join(tmpdir(), 'im-')), shared.address);
    expect(await localRegistryStatus(registry, docker)).toEqual({
      state: 'other-registry',
      detail: `a registry not started by image-manager answers on ${shared.address}`,
    });
    await expect(startLocalRegistry(registry, docker)).rejects.toThrow(
      /cannot start the local registry: a registry not started/,
    );
    expect(await stopLocalRegistry(registry, docker)).toBe('not-ours');
    expect(await registryAnswers(shared.address)).toBe(true);
  });

  it('names a port held by a program that is not a registry', async () => {
    // A TCP service that hangs up at once: not a registry, yet the port is taken.
    const registry = await project();
    const server: Server = createServer((socket) => {
      socket.on('error', () => {});
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(registry.port, registry.host, resolve));
    try {
      const status = await localRegistryStatus(registry, docker);
      expect(status).toEqual({
        state: 'port-taken',
        detail: `${registry.address} is held by another program that is not a registry`,
      });
      await expect(startLocalRegistry(registry, docker)).rejects.toThrow(/Free the port, or configure another one/);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('does not take a recycled pid in its pid file for its registry', async () => {
    const registry = await project();
    mkdirSync(registry.stateDir, { recursive: true });
    // This test process is alive but is not a registry.
    writeFileSync(path.join(registry.stateDir, 'registry.pid'), `${process.pid}\n`);
    expect((await localRegistryStatus(registry, docker)).state).toBe('not-running');
    expect(await stopLocalRegistry(registry, docker)).toBe('not-running');
    expect(isAlive(process.pid)).toBe(true);
  });
});
