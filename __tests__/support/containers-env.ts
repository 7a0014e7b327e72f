/**
 * Environment for buildah/podman/skopeo in tests: one vfs storage and a containers.conf that works as root in
 * these sandboxes (runc + cgroupfs, ulimits within the hard limits, no network namespace by default); see
 * ../shared/reference/environment.md §1. Shared by every test of a run so built base images are reused.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { testStateDir } from './shared-services';

/**
 * The storage lives under a SHORT path in /tmp: podman's conmon talks over unix sockets below the run root, and
 * a long path (the per-run state folder) makes every container take 20 s to exit ("Exceeded conmon timeout").
 * One folder per test run, derived from the run's state folder so every worker agrees on it.
 */
export function containersStorageDir(): string {
  const hash = createHash('sha256').update(testStateDir()).digest('hex').slice(0, 10);
  return path.join('/tmp', `imcs-${hash}`);
}

export function containersEnv(): NodeJS.ProcessEnv {
  const dir = containersStorageDir();
  const storageConf = path.join(dir, 'storage.conf');
  const containersConf = path.join(dir, 'containers.conf');
  if (!existsSync(containersConf)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      storageConf,
      `[storage]\ndriver = "vfs"\nrunroot = "${path.join(dir, 'run')}"\ngraphroot = "${path.join(dir, 'storage')}"\n`,
    );
    writeFileSync(
      containersConf,
      [
        '[containers]',
        'default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]',
        'netns = "none"',
        '[engine]',
        'runtime = "runc"',
        'cgroup_manager = "cgroupfs"',
        'events_logger = "file"',
        '',
      ].join('\n'),
    );
  }
  return {
    ...process.env,
    CONTAINERS_STORAGE_CONF: storageConf,
    CONTAINERS_CONF: containersConf,
    BUILDAH_ISOLATION: 'chroot',
  };
}

export function requireTool(tool: string, install: string): string {
  try {
    return execFileSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error(`${tool} is not installed: run \`bash scripts/install-deps.sh\` (${install})`);
  }
}
