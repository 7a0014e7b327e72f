import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  isAlive,
  registryAnswers,
  startRegistryDaemon,
  stopRegistryDaemon,
} from '../../../src/core/daemon/registry-daemon';
import { freePort, requireRegistryBinary, sharedRegistry } from '../../support/test-registry';

describe('registry daemon (real distribution registry)', () => {
  beforeAll(() => requireRegistryBinary());

  it('starts, answers /v2/, stops, and reports the truth after stopping', async () => {
    const stateDir = mkdtempSync(path.join(tmpdir(), 'im-registry-'));
    const registry = await startRegistryDaemon({ stateDir, port: await freePort() });
    expect(await registryAnswers(registry.address)).toBe(true);
    expect(await stopRegistryDaemon(stateDir)).toBe(true);
    expect(isAlive(registry.pid)).toBe(false);
    expect(await registryAnswers(registry.address)).toBe(false);
    expect(await stopRegistryDaemon(stateDir)).toBe(false);
  });

  it('fails with the log when the port is taken', async () => {
    const shared = await sharedRegistry();
    const stateDir = mkdtempSync(path.join(tmpdir(), 'im-registry-'));
    await expect(startRegistryDaemon({ stateDir, port: shared.port, readyTimeoutMs: 5000 })).rejects.toThrow(
      /already in use/,
    );
  });

  it('shares one registry across calls', async () => {
    const a = await sharedRegistry();
    const b = await sharedRegistry();
    expect(b.pid).toBe(a.pid);
  });
});
