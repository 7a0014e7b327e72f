/**
 * What the build benchmarks share: project files on disk, a free port for their own registry, an empty buildah
 * storage per "runner", and a busybox base image built FROM scratch into that registry (no network needed).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..');
export const EPOCH = '1767225600';

export function write(root: string, files: Record<string, string>): void {
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** An env whose buildah uses a new, empty vfs storage under `work`. */
export function freshStorage(work: string, name: string): NodeJS.ProcessEnv {
  const dir = path.join(work, 'storage', name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'storage.conf'),
    `[storage]\ndriver = "vfs"\nrunroot = "${dir}/run"\ngraphroot = "${dir}/graph"\n`,
  );
  writeFileSync(
    path.join(dir, 'containers.conf'),
    '[containers]\nnetns = "none"\n[engine]\nruntime = "runc"\ncgroup_manager = "cgroupfs"\nevents_logger = "file"\n',
  );
  return {
    ...process.env,
    CONTAINERS_STORAGE_CONF: path.join(dir, 'storage.conf'),
    CONTAINERS_CONF: path.join(dir, 'containers.conf'),
    SOURCE_DATE_EPOCH: EPOCH,
    NO_COLOR: '1',
  };
}

/** `<registry>/bench/busybox:amd64`, built FROM scratch with the static busybox. */
export function seedBusybox(work: string, registry: string): string {
  const context = path.join(work, 'busybox');
  mkdirSync(context, { recursive: true });
  copyFileSync(path.join(ROOT, '.image-manager/tools/busybox/amd64/busybox'), path.join(context, 'busybox'));
  writeFileSync(
    path.join(context, 'Containerfile'),
    'FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox", "--install", "-s", "/bin"]\nCMD ["sh"]\n',
  );
  const env = freshStorage(work, 'seed');
  const ref = `${registry}/bench/busybox:amd64`;
  execFileSync('buildah', ['bud', '-q', '--isolation', 'chroot', '--timestamp', EPOCH, '-t', ref, context], { env });
  execFileSync('buildah', ['push', '-q', '--tls-verify=false', ref, `docker://${ref}`], { env });
  return ref;
}
