import { rmSync } from 'node:fs';
import * as path from 'node:path';
import { containersStorageDir } from './containers-env';
import { stopSharedServices, testStateDir } from './shared-services';

export default async function globalTeardown(): Promise<void> {
  await stopSharedServices();
  // Per-run state is not reused; remove it so build/ does not grow with every run.
  const dir = testStateDir();
  if (path.basename(dir).startsWith('run-')) {
    rmSync(dir, { recursive: true, force: true });
    rmSync(containersStorageDir(), { recursive: true, force: true });
  }
}
