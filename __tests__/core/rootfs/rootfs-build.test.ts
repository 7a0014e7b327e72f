/**
 * End to end with a real builder: a merged rootfs plus the injected COPY, built by buildah into a tiny busybox
 * image, then inspected inside the image. Proves the COPY lands in the final stage and that what the merge wrote
 * (contents, symlinks, modes, normalised mtimes) is what the image gets, owned by the rootfs user.
 */
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { injectRootfsCopy } from '../../../src/core/rootfs/inject-copy';
import { mergeRootfsLevels } from '../../../src/core/rootfs/merge';
import { busyboxBinary } from '../../support/busybox-image';
import { containersEnv, requireTool } from '../../support/containers-env';
import { makeTree, TempDirs } from './rootfs-fixture';

const run = promisify(execFile);
const temp = new TempDirs();
afterAll(() => temp.cleanup());

async function buildah(...args: string[]): Promise<string> {
  const { stdout } = await run('buildah', args, { env: containersEnv(), maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

it('builds an image whose final stage holds the merged rootfs, owned by the rootfs user', async () => {
  requireTool('buildah', 'apt-get install buildah');
  const root = await temp.make();
  const image = await makeTree(path.join(root, 'images/app/rootfs'), {
    'etc/motd': 'from image level\n',
    'etc/localtime': { symlink: '/usr/share/zoneinfo/UTC' },
    'usr/local/bin/hello': { content: '#!/bin/sh\necho hello from rootfs\n', mode: 0o755 },
  });
  const version = await makeTree(path.join(root, 'images/app/1/rootfs'), {
    'etc/motd': 'from version level\n',
    'srv/private/secret.conf': { content: 'x', mode: 0o600 },
    'srv/private': { dir: true, mode: 0o700 },
  });
  const context = path.join(root, 'context');
  const merged = await mergeRootfsLevels([image, version], path.join(context, 'rootfs'), {
    sourceDateEpoch: 1_700_000_000,
  });
  expect(merged.problems).toEqual([]);
  await fs.copyFile(busyboxBinary('amd64'), path.join(context, 'busybox'));
  const { dockerfile, injected } = injectRootfsCopy(
    [
      'FROM scratch AS tools',
      'COPY busybox /busybox',
      'FROM scratch',
      'COPY --from=tools /busybox /bin/busybox',
      'RUN ["/bin/busybox", "--install", "-s", "/bin"]',
      '',
    ].join('\n'),
    '1000:1001',
  );
  expect(injected).toBe(true);
  await fs.writeFile(path.join(context, 'Dockerfile'), dockerfile);

  const tag = `localhost/rootfs-build-test:${process.pid}`;
  await buildah('bud', '--isolation', 'chroot', '--platform', 'linux/amd64', '-q', '-t', tag, context);
  const container = (await buildah('from', '-q', tag)).trim();
  try {
    const output = await buildah(
      'run',
      '--isolation',
      'chroot',
      container,
      '--',
      'sh',
      '-c',
      [
        'cat /etc/motd',
        'readlink /etc/localtime',
        'hello',
        'stat -c "%n %a %u:%g %Y" /usr/local/bin/hello /srv/private /srv/private/secret.conf /etc/motd',
      ].join('; '),
    );
    expect(output.split('\n')).toEqual([
      'from version level',
      '/usr/share/zoneinfo/UTC',
      'hello from rootfs',
      '/usr/local/bin/hello 755 1000:1001 1700000000',
      '/srv/private 755 1000:1001 1700000000',
      '/srv/private/secret.conf 644 1000:1001 1700000000',
      '/etc/motd 644 1000:1001 1700000000',
      '',
    ]);
  } finally {
    await buildah('rm', container);
    await buildah('rmi', '-f', tag);
  }
});
