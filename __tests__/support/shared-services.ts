/**
 * Shared, lazily started test services. Each service records its pid file under the test state directory so the
 * global teardown can stop whatever a test file started, whichever jest worker started it.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';

export function testStateDir(): string {
  const dir = process.env.IMAGE_MANAGER_TEST_STATE;
  if (!dir) throw new Error('IMAGE_MANAGER_TEST_STATE is not set: run the tests through jest (global-setup sets it)');
  return dir;
}

export async function stopSharedServices(): Promise<void> {
  const dir = path.join(testStateDir(), 'pids');
  if (!existsSync(dir)) return;
  for (const file of readdirSync(dir)) {
    const pid = Number(readFileSync(path.join(dir, file), 'utf8').trim());
    if (pid > 0) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    rmSync(path.join(dir, file), { force: true });
  }
}
