/**
 * Real images for the structure-test and SBOM tests, built with buildah (`--layers`, so each instruction is its
 * own layer and deletions become whiteouts) and exported as docker-archives the way `image-manager build` does
 * (`buildah push IMG docker-archive:FILE:NAME`). Each archive is built once and kept in build/test-cache, keyed
 * by a hash of its build context, so later runs reuse it (and only load it into their own container storage);
 * mkdir locks keep parallel jest workers and runs from building the same image twice.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  rmdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { busyboxBinary, type Arch } from '../../../support/busybox-image';
import { containersEnv, requireTool } from '../../../support/containers-env';
import { testStateDir } from '../../../support/shared-services';

const run = promisify(execFile);

export interface TestImage {
  /** docker-archive path. */
  archive: string;
  /** Local name in the shared containers storage (for `buildah from` ground truth). */
  name: string;
  platform: string;
}

interface ImageSpec {
  id: string;
  arch: Arch;
  containerfile: string[];
  /** Extra context files: relative path → content. */
  files?: Record<string, string>;
}

/**
 * Many layers: files, permissions, ownership, setuid/sticky, symlinks of every kind, a hardlink, a fifo; a layer
 * that deletes a file (whiteout) and one that replaces a directory's contents (opaque marker); full metadata.
 */
export function layeredImage(): Promise<TestImage> {
  return buildImage({
    id: 'layered',
    arch: 'amd64',
    containerfile: [
      'FROM scratch',
      'COPY busybox /bin/busybox',
      'RUN ["/bin/busybox", "--install", "-s", "/bin"]',
      [
        'RUN mkdir -p /etc/app/conf.d /opt/tool/bin /data/cache /usr/share/doc/good /usr/share/doc/nocopy /usr/share/doc/agpl /tmp',
        'echo hello > /etc/app/greeting',
        'echo a > /etc/app/conf.d/a.conf',
        'echo old > /etc/app/conf.d/old.conf',
        'echo gone > /etc/app/remove-me',
        "printf '#!/bin/sh\\necho tool\\n' > /opt/tool/bin/tool",
        'chmod 0750 /opt/tool/bin/tool',
        'chown 1000:2000 /opt/tool/bin/tool',
        'echo secret > /etc/app/private',
        'chmod 0600 /etc/app/private',
        'cp /bin/busybox /bin/suid',
        'chmod 4755 /bin/suid',
        'chmod 2755 /opt/tool',
        'chmod 1777 /tmp',
        'ln -s /etc/app/greeting /etc/app/abs-link',
        'ln -s greeting /etc/app/rel-link',
        'ln -s abs-link /etc/app/chain-link',
        'ln -s /etc/app/missing /etc/app/dangling',
        'ln -s loop-b /etc/app/loop-a',
        'ln -s loop-a /etc/app/loop-b',
        'ln -s ../../../../../etc/app/greeting /etc/app/escape-link',
        'ln -s /etc/app /linkdir',
        'ln /etc/app/greeting /etc/app/hardlink',
        'mkfifo /etc/app/fifo',
        "echo 'Copyright: MIT License' > /usr/share/doc/good/copyright",
        "echo 'GNU Affero General Public License (AGPL-3.0)' > /usr/share/doc/agpl/copyright",
      ].join(' && '),
      'RUN rm /etc/app/remove-me && rm /etc/app/conf.d/a.conf',
      'COPY opaque/ /',
      'ENV APP_HOME=/opt/tool PATH=/opt/tool/bin:/bin GREETING="hello world" BUILD_ID=build-42',
      'LABEL org.opencontainers.image.title=layered org.example.build=42',
      'EXPOSE 8080 53/udp',
      'VOLUME /data',
      'WORKDIR /srv',
      'USER 1000:2000',
      'ENTRYPOINT ["/bin/sh", "-c"]',
      'CMD ["echo hi"]',
    ],
    files: {
      // A file named like an opaque marker in a copied tree becomes one in the layer: the directory's lower
      // contents (a.conf's whiteout aside: old.conf) disappear, only new.conf stays.
      'opaque/etc/app/conf.d/.wh..wh..opq': '',
      'opaque/etc/app/conf.d/new.conf': 'new\n',
    },
  });
}

/** A small image per architecture for command tests: busybox, an environment variable, a working directory. */
export function commandImage(arch: Arch): Promise<TestImage> {
  return buildImage({
    id: `command-${arch}`,
    arch,
    containerfile: [
      'FROM scratch',
      'COPY busybox /bin/busybox',
      'RUN ["/bin/busybox", "--install", "-s", "/bin"]',
      'RUN mkdir -p /work /tmp && chmod 1777 /tmp',
      'ENV IMGVAR=img PATH=/bin',
      'WORKDIR /work',
      'ENTRYPOINT ["/bin/false"]',
      'CMD ["sh"]',
    ],
  });
}

/** Debian-like: a real dpkg status (a few stanzas of this machine's), os-release and copyright files, busybox. */
export function debianLikeImage(): Promise<TestImage> {
  const packages = ['base-files', 'libc6', 'zlib1g', 'bash', 'tzdata'];
  const status = readFileSync('/var/lib/dpkg/status', 'utf8')
    .split(/\n\n+/)
    .filter((stanza) => packages.includes(/^Package: (.+)$/m.exec(stanza)?.[1] ?? ''));
  if (status.length !== packages.length) {
    throw new Error(
      `this machine's /var/lib/dpkg/status lacks some of ${packages.join(', ')}: run the tests on Debian`,
    );
  }
  const files: Record<string, string> = {
    'rootfs/var/lib/dpkg/status': `${status.join('\n\n')}\n`,
    'rootfs/etc/os-release': readFileSync('/etc/os-release', 'utf8'),
    'rootfs/etc/debian_version': readFileSync('/etc/debian_version', 'utf8'),
  };
  for (const name of packages) {
    files[`rootfs/usr/share/doc/${name}/copyright`] = readFileSync(`/usr/share/doc/${name}/copyright`, 'utf8');
  }
  return buildImage({
    id: 'debian-like',
    arch: 'amd64',
    containerfile: [
      'FROM scratch',
      'COPY rootfs/ /',
      'COPY busybox /bin/busybox',
      'RUN ["/bin/busybox", "--install", "-s", "/bin"]',
      'CMD ["sh"]',
    ],
    files,
  });
}

/** Archives survive between runs (build/test-cache); each run's container storage gets the image from them. */
const CACHE_DIR = path.join(__dirname, '..', '..', '..', '..', 'build', 'test-cache', 'structure-test-images');

async function buildImage(spec: ImageSpec): Promise<TestImage> {
  requireTool('buildah', 'apt-get install buildah');
  const busybox = createHash('sha256')
    .update(readFileSync(busyboxBinary(spec.arch)))
    .digest('hex');
  const hash = createHash('sha256').update(JSON.stringify({ spec, busybox })).digest('hex').slice(0, 16);
  mkdirSync(CACHE_DIR, { recursive: true });
  const name = `localhost/structure-test/${spec.id}:${hash}`;
  const image: TestImage = {
    archive: path.join(CACHE_DIR, `${spec.id}-${hash}.tar`),
    name,
    platform: `linux/${spec.arch}`,
  };
  const lock = path.join(testStateDir(), `structure-test-${spec.id}.lock`);
  const cacheLock = path.join(CACHE_DIR, `${spec.id}.lock`);
  for (let attempt = 0; attempt < 3000; attempt++) {
    if (existsSync(image.archive) && (await localImageExists(name))) return image;
    try {
      mkdirSync(lock);
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
      continue;
    }
    try {
      if (!existsSync(image.archive)) {
        await withCacheLock(cacheLock, async () => {
          if (!existsSync(image.archive)) await build(spec, image);
        });
      }
      if (!(await localImageExists(name))) {
        await run('buildah', ['pull', '-q', `docker-archive:${image.archive}`], { env: containersEnv() });
      }
      return image;
    } finally {
      rmdirSync(lock);
    }
  }
  throw new Error(`timed out waiting for the ${spec.id} image lock`);
}

/** Builds under a lock shared by concurrent test runs; a lock older than 10 minutes is from a killed run. */
async function withCacheLock(lock: string, build: () => Promise<void>): Promise<void> {
  for (let attempt = 0; attempt < 6000; attempt++) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      const age = existsSync(lock) ? Date.now() - statSync(lock).mtimeMs : 0;
      if (age > 600000) rmSync(lock, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  try {
    await build();
  } finally {
    rmdirSync(lock);
  }
}

async function build(spec: ImageSpec, image: TestImage): Promise<void> {
  const context = mkdtempSync(path.join(path.dirname(image.archive), `${spec.id}-ctx-`));
  const env = containersEnv();
  try {
    copyFileSync(busyboxBinary(spec.arch), path.join(context, 'busybox'));
    for (const [relative, content] of Object.entries(spec.files ?? {})) {
      mkdirSync(path.dirname(path.join(context, relative)), { recursive: true });
      writeFileSync(path.join(context, relative), content);
    }
    writeFileSync(path.join(context, 'Containerfile'), `${spec.containerfile.join('\n')}\n`);
    const args = [
      'bud',
      '--layers',
      '--isolation',
      'chroot',
      '--platform',
      image.platform,
      '--timestamp',
      '1767225600',
    ];
    await run('buildah', [...args, '-q', '-t', image.name, context], { env, maxBuffer: 64 * 1024 * 1024 });
    const temp = `${image.archive}.tmp-${process.pid}`;
    rmSync(temp, { force: true });
    await run('buildah', ['push', '-q', image.name, `docker-archive:${temp}:${image.name}`], { env });
    renameSync(temp, image.archive);
  } finally {
    rmSync(context, { recursive: true, force: true });
  }
}

async function localImageExists(name: string): Promise<boolean> {
  try {
    await run('buildah', ['inspect', '--type', 'image', '--format', '{{.FromImageID}}', name], {
      env: containersEnv(),
    });
    return true;
  } catch {
    return false;
  }
}
