import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { createBuildahBuilder } from '../../../src/core/build/buildah-builder';
import type { Builder } from '../../../src/core/build/types';
import { OperationError, UsageError } from '../../../src/core/shared/errors';
import { execProcess } from '../../../src/core/shared/exec';
import { MemoryLogger } from '../../../src/core/shared/logger';
import { seededBusybox, type SeededBusybox } from '../../support/busybox-image';
import { containersEnv, requireTool } from '../../support/containers-env';
import {
  buildRequest,
  existsInRegistry,
  localImageNames,
  makeContext,
  nonce,
  registryConfig,
  registryManifest,
  scratchDir,
} from './build-fixtures';

describe('buildah builder against the real buildah and registry', () => {
  let seeded: SeededBusybox;
  let builder: Builder;

  beforeAll(async () => {
    requireTool('buildah', 'apt-get install buildah');
    requireTool('skopeo', 'apt-get install skopeo');
    seeded = await seededBusybox();
    builder = createBuildahBuilder({ exec: execProcess, env: containersEnv() });
  }, 180000);

  it.each([
    ['amd64', 'x86_64'],
    ['arm64', 'aarch64'],
  ])(
    'builds linux/%s, pushes it, and returns the digest the registry serves',
    async (arch, unameMachine) => {
      const id = nonce();
      const { contextDir, dockerfile } = makeContext([
        `FROM ${seeded.byArch[arch as 'amd64' | 'arm64']}`,
        'COPY file.txt /file.txt',
        'RUN echo "machine=$(uname -m)" && uname -m > /arch',
      ]);
      const pushRef = `${seeded.registry}/build-test/buildah:${id}-linux-${arch}`;
      const log = new MemoryLogger();
      const result = await builder.build(
        buildRequest(
          {
            contextDir,
            dockerfile,
            pushRef,
            platform: `linux/${arch}`,
            labels: { 'org.opencontainers.image.title': 'buildah-test', 'org.example.id': id },
            buildArgs: { UNUSED: 'x' },
            sourceDateEpoch: 1767225600,
          },
          seeded.registry,
        ),
        log,
      );

      expect(result.builder).toBe('buildah');
      expect(result.pushedRef).toBe(pushRef);
      const served = registryManifest(pushRef);
      expect(result.digest).toBe(served.digest);
      const config = registryConfig(pushRef);
      expect(config.architecture).toBe(arch);
      expect(config.config.Labels).toMatchObject({
        'org.opencontainers.image.title': 'buildah-test',
        'org.example.id': id,
      });
      expect(config.created).toBe('2026-01-01T00:00:00Z');
      // The RUN step really executed for the target architecture (under qemu for arm64).
      expect(log.messages('info')).toContain(`[buildah:${id}-linux-${arch}] machine=${unameMachine}`);
      // Our local tag is gone after the push.
      expect(localImageNames(containersEnv())).not.toContain(pushRef);
    },
    180000,
  );

  it('exports a docker-archive named after the pushed reference', async () => {
    const id = nonce();
    const { contextDir, dockerfile } = makeContext([`FROM ${seeded.byArch.amd64}`, 'COPY file.txt /file.txt']);
    const archivePath = path.join(scratchDir('archive-'), 'out', 'image.tar');
    const pushRef = `${seeded.registry}/build-test/buildah:${id}-archive`;
    const result = await builder.build(
      buildRequest({ contextDir, dockerfile, pushRef, platform: 'linux/amd64', archivePath }, seeded.registry),
      new MemoryLogger(),
    );
    expect(result.archivePath).toBe(archivePath);
    expect(existsSync(archivePath)).toBe(true);
    const manifest = JSON.parse(execFileSync('tar', ['-xOf', archivePath, 'manifest.json'], { encoding: 'utf8' })) as Array<{
      RepoTags: string[];
    }>;
    expect(manifest[0].RepoTags).toEqual([pushRef]);
  }, 120000);

  it('fails with the tool output when a RUN step exits non-zero, and pushes nothing', async () => {
    const id = nonce();
    const { contextDir, dockerfile } = makeContext([
      `FROM ${seeded.byArch.amd64}`,
      'RUN echo "about to fail" && exit 3',
    ]);
    const pushRef = `${seeded.registry}/build-test/buildah:${id}-broken`;
    const attempt = builder.build(
      buildRequest({ contextDir, dockerfile, pushRef, platform: 'linux/amd64' }, seeded.registry),
      new MemoryLogger(),
    );
    await expect(attempt).rejects.toThrow(OperationError);
    await expect(attempt).rejects.toThrow(/buildah bud for .*broken \(linux\/amd64\) failed \(exit code \d+\)/);
    await expect(attempt).rejects.toThrow(/about to fail/);
    expect(existsInRegistry(pushRef)).toBe(false);
  }, 120000);

  it('rejects an s3 cache before running anything, pointing at BuildKit', async () => {
    const log = new MemoryLogger();
    const attempt = builder.build(
      buildRequest(
        {
          contextDir: '/nonexistent',
          dockerfile: '/nonexistent/Dockerfile',
          pushRef: `${seeded.registry}/build-test/buildah:never`,
          platform: 'linux/amd64',
          cache: { type: 's3', bucket: 'b', region: 'us-east-1', usePathStyle: true, scope: 's' },
        },
        seeded.registry,
      ),
      log,
    );
    await expect(attempt).rejects.toThrow(UsageError);
    await expect(attempt).rejects.toThrow(/cache type "s3" is not supported by the buildah builder.*BuildKit/);
    expect(log.lines).toEqual([]);
  });

  it('refuses a platform this machine cannot emulate instead of skipping it', async () => {
    const emptyBinfmt = scratchDir('binfmt-');
    const noEmulation = createBuildahBuilder(
      { exec: execProcess, env: containersEnv() },
      { emulation: { native: 'linux/amd64', binfmtDir: emptyBinfmt } },
    );
    const attempt = noEmulation.build(
      buildRequest(
        {
          contextDir: '/nonexistent',
          dockerfile: '/nonexistent/Dockerfile',
          pushRef: `${seeded.registry}/build-test/buildah:never-arm64`,
          platform: 'linux/arm64',
        },
        seeded.registry,
      ),
      new MemoryLogger(),
    );
    await expect(attempt).rejects.toThrow(OperationError);
    await expect(attempt).rejects.toThrow(/cannot build linux\/arm64 .*qemu-user-static.*docker\/setup-qemu-action/);
  });
});
