/**
 * Runs once before all test files. Integration tests that need shared services (the local registry, seeded base
 * images) start them lazily through __tests__/support helpers and record them under TEST_STATE_DIR, so the
 * expensive parts happen once per run, not once per file.
 */
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';

export default async function globalSetup(): Promise<void> {
  const stateDir = process.env.IMAGE_MANAGER_TEST_STATE ?? path.join(__dirname, '..', '..', 'build', 'test-state');
  mkdirSync(stateDir, { recursive: true });
  process.env.IMAGE_MANAGER_TEST_STATE = stateDir;
}
