/**
 * Tiny real base images for integration tests: a static busybox per architecture, built FROM scratch with buildah
 * (well under a second) and pushed to the shared test registry as `<registry>/test/busybox:<arch>` plus a
 * two-platform index `<registry>/test/busybox:multi`. Built once per test run.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, copyFileSync, rmdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { containersEnv, requireTool } from './containers-env';
import { testStateDir } from './shared-services';
import { sharedRegistry } from './test-registry';

const run = promisify(execFile);
const ROOT = path.join(__dirname, '..', '..');
export const ARCHES = ['amd64', 'arm64'] as const;
export type Arch = (typeof ARCHES)[number];

export function busyboxBinary(arch: Arch): string {
  const file = path.join(ROOT, '.image-manager', 'tools', 'busybox', arch, 'busybox');
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`bash scripts/install-deps.sh\``);
  return file;
}

/** Builds a busybox image for `arch` into local storage, tagged `name`; returns nothing (image stays local). */
export async function buildBusybox(arch: Arch, name: string, extraInstructions: string[] = []): Promise<void> {
  requireTool('buildah', 'apt-get install buildah');
  const context = mkdtempSync(path.join(tmpdir(), 'im-busybox-'));
  try {
    copyFileSync(busyboxBinary(arch), path.join(context, 'busybox'));
    writeFileSync(
      path.join(context, 'Containerfile'),
      [
        'FROM scratch',
        'COPY busybox /bin/busybox',
        'RUN ["/bin/busybox", "--install", "-s", "/bin"]',
        ...extraInstructions,
        'CMD ["sh"]',
        '',
      ].join('\n'),
    );
    await run(
      'buildah',
      [
        'bud',
        '--isolation',
        'chroot',
        '--platform',
        `linux/${arch}`,
        '--timestamp',
        '1767225600',
        '-q',
        '-t',
        name,
        context,
      ],
      { env: containersEnv(), maxBuffer: 64 * 1024 * 1024 },
    );
  } finally {
    rmSync(context, { recursive: true, force: true });
  }
}

export interface SeededBusybox {
  registry: string;
  /** `<registry>/test/busybox:<arch>` per architecture. */
  byArch: Record<Arch, string>;
  /** A two-platform OCI index. */
  multi: string;
}

/** Seeds the shared registry with busybox images once per run (guarded by a lock across jest workers). */
export async function seededBusybox(): Promise<SeededBusybox> {
  const registry = (await sharedRegistry()).address;
  const result: SeededBusybox = {
    registry,
    byArch: { amd64: `${registry}/test/busybox:amd64`, arm64: `${registry}/test/busybox:arm64` },
    multi: `${registry}/test/busybox:multi`,
  };
  const marker = path.join(testStateDir(), 'shared-registry', `busybox-seeded-${registry.replace(/\W/g, '_')}`);
  const lock = path.join(testStateDir(), 'busybox.lock');
  for (let attempt = 0; attempt < 1200; attempt++) {
    if (existsSync(marker)) return result;
    try {
      mkdirSync(lock);
    } catch {
      await new Promise((r) => setTimeout(r, 100));
      continue;
    }
    try {
      if (existsSync(marker)) return result;
      const env = containersEnv();
      const list = `localhost/test-busybox-list:${Date.now()}`;
      await run('buildah', ['manifest', 'create', list], { env });
      for (const arch of ARCHES) {
        const local = `localhost/test/busybox:${arch}`;
        await buildBusybox(arch, local);
        await run('buildah', ['push', '--tls-verify=false', '-q', local, `docker://${result.byArch[arch]}`], { env });
        await run('buildah', ['manifest', 'add', list, `containers-storage:${local}`], { env });
      }
      await run(
        'buildah',
        ['manifest', 'push', '--all', '--tls-verify=false', '-q', list, `docker://${result.multi}`],
        { env },
      );
      writeFileSync(marker, 'ok\n');
      return result;
    } finally {
      rmdirSync(lock);
    }
  }
  throw new Error('timed out waiting for the busybox seeding lock');
}
