/**
 * Runs once before all test files. Each test run gets its own state folder (registries, container storage, pid
 * files), so two runs on one machine never stop each other's services; IMAGE_MANAGER_TEST_STATE overrides it.
 * Expensive artefacts that are safe to share between runs (a debootstrapped Debian rootfs) live in
 * build/test-cache instead. Integration tests start services lazily through __tests__/support helpers.
 */
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';

export default async function globalSetup(): Promise<void> {
  const stateDir =
    process.env.IMAGE_MANAGER_TEST_STATE ??
    path.join(__dirname, '..', '..', 'build', 'test-state', `run-${Date.now()}-${process.pid}`);
  mkdirSync(stateDir, { recursive: true });
  // Workers are started after this and inherit the environment.
  process.env.IMAGE_MANAGER_TEST_STATE = stateDir;
}
