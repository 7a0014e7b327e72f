import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { cacheScope } from '../../../src/core/build/cache-settings';
import { selectBuilder } from '../../../src/core/build/select-builder';
import type { Builder } from '../../../src/core/build/types';
import { OperationError, UsageError } from '../../../src/core/shared/errors';
import { execProcess } from '../../../src/core/shared/exec';
import { MemoryLogger } from '../../../src/core/shared/logger';
import { seededBusybox, type SeededBusybox } from '../../support/busybox-image';
import { requireTool } from '../../support/containers-env';
import { dockerEnv, sharedDockerd } from '../../support/dockerd';
import {
  buildRequest,
  existsInRegistry,
  makeContext,
  nonce,
  registryConfig,
  registryManifest,
  scratchDir,
} from './build-fixtures';

describe('docker builder (BuildKit in a real dockerd 20.10)', () => {
  let seeded: SeededBusybox;
  let builder: Builder;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    requireTool('skopeo', 'apt-get install skopeo');
    seeded = await seededBusybox();
    env = dockerEnv(await sharedDockerd());
    // The daemon runs without a bridge network (environment.md §8), so RUN steps use the host's.
    builder = await selectBuilder({ requested: 'docker', env, exec: execProcess, docker: { network: 'host' } });
  }, 180000);

  it('is found through the Docker CLI that still has built-in BuildKit', () => {
    expect(builder.kind).toBe('docker');
    expect(builder.describe()).toMatch(/^docker 20\.10\.\S+ \(built-in BuildKit, .*docker\), engine 20\.10/);
    expect(builder.supportedCacheTypes).toEqual(['none', 'registry']);
  });

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
        'RUN echo "machine=$(uname -m)"',
      ]);
      const pushRef = `${seeded.registry}/build-test/docker:${id}-linux-${arch}`;
      const archivePath = path.join(scratchDir('docker-archive-'), 'image.tar');
      const log = new MemoryLogger();
      const result = await builder.build(
        buildRequest(
          {
            contextDir,
            dockerfile,
            pushRef,
            platform: `linux/${arch}`,
            labels: { 'org.opencontainers.image.title': 'docker-test', 'org.example.id': id },
            sourceDateEpoch: 1767225600,
            archivePath,
          },
          seeded.registry,
        ),
        log,
      );

      expect(result.builder).toBe('docker');
      expect(result.digest).toBe(registryManifest(pushRef).digest);
      const config = registryConfig(pushRef);
      expect(config.architecture).toBe(arch);
      expect(config.config.Labels).toMatchObject({ 'org.opencontainers.image.title': 'docker-test', 'org.example.id': id });
      expect(log.messages('info').some((m) => m.endsWith(`machine=${unameMachine}`))).toBe(true);
      const archived = JSON.parse(execFileSync('tar', ['-xOf', archivePath, 'manifest.json'], { encoding: 'utf8' })) as Array<{
        RepoTags: string[];
      }>;
      expect(archived[0].RepoTags).toEqual([pushRef]);
      // The image is not left behind in the daemon.
      const images = execFileSync('/usr/bin/docker', ['images', '--format', '{{.Repository}}:{{.Tag}}'], {
        env,
        encoding: 'utf8',
      });
      expect(images.split('\n')).not.toContain(pushRef);
    },
    180000,
  );

  it('fails with the tool output when a RUN step exits non-zero, and pushes nothing', async () => {
    const id = nonce();
    const { contextDir, dockerfile } = makeContext([`FROM ${seeded.byArch.amd64}`, 'RUN echo "about to fail" && exit 3']);
    const pushRef = `${seeded.registry}/build-test/docker:${id}-broken`;
    const attempt = builder.build(
      buildRequest({ contextDir, dockerfile, pushRef, platform: 'linux/amd64' }, seeded.registry),
      new MemoryLogger(),
    );
    await expect(attempt).rejects.toThrow(OperationError);
    await expect(attempt).rejects.toThrow(/docker build for .*broken \(linux\/amd64\) failed \(exit code 1\)/);
    await expect(attempt).rejects.toThrow(/about to fail[\s\S]*exit code: 3/);
    expect(existsInRegistry(pushRef)).toBe(false);
  }, 120000);

  it('degrades a registry cache to an inline cache with a warning, and a rebuild imports it', async () => {
    const id = nonce();
    const { contextDir, dockerfile } = makeContext(
      [`FROM ${seeded.byArch.amd64}`, 'COPY file.txt /file.txt', `RUN echo "inline-step-${id}"`],
      `inline ${id}\n`,
    );
    const cache = {
      type: 'registry' as const,
      ref: `${seeded.registry}/build-test/docker-cache`,
      scope: cacheScope('docker', id, 'linux/amd64'),
    };
    const pushRef = `${seeded.registry}/build-test/docker:${id}-inline`;
    const request = buildRequest({ contextDir, dockerfile, pushRef, platform: 'linux/amd64', cache }, seeded.registry);
    const log = new MemoryLogger();
    await builder.build(request, log);
    const firstLayers = registryManifest(pushRef).manifest.layers;
    expect(log.messages('warn')).toEqual([expect.stringMatching(/no buildx.*using an inline cache instead/)]);
    expect(log.messages('info').some((m) => m.includes('--build-arg BUILDKIT_INLINE_CACHE=1'))).toBe(true);
    expect(log.messages('info').some((m) => m.endsWith(`inline-step-${id}`))).toBe(true);

    // Drop BuildKit's local cache so only the inline cache in the registry can satisfy the rebuild.
    execFileSync('/usr/bin/docker', ['builder', 'prune', '--all', '--force'], { env, stdio: 'ignore' });
    const again = new MemoryLogger();
    await builder.build(request, again);
    expect(again.messages('info').some((m) => /importing cache manifest from .*-inline/.test(m))).toBe(true);
    expect(again.messages('info').some((m) => m.endsWith(`inline-step-${id}`))).toBe(false);
    expect(registryManifest(pushRef).manifest.layers).toEqual(firstLayers);
  }, 180000);

  it('rejects s3 and gha caches for the legacy builder before running anything', async () => {
    const log = new MemoryLogger();
    const attempt = builder.build(
      buildRequest(
        {
          contextDir: '/nonexistent',
          dockerfile: '/nonexistent/Dockerfile',
          pushRef: `${seeded.registry}/build-test/docker:never`,
          platform: 'linux/amd64',
          cache: { type: 'gha', scope: 's' },
        },
        seeded.registry,
      ),
      log,
    );
    await expect(attempt).rejects.toThrow(UsageError);
    await expect(attempt).rejects.toThrow(/cache type "gha" is not supported by the docker builder/);
    expect(log.lines).toEqual([]);
  });
});
