import { rmSync } from 'node:fs';
import * as path from 'node:path';
import { createBuildahBuilder } from '../../../src/core/build/buildah-builder';
import { cacheScope } from '../../../src/core/build/cache-settings';
import { execProcess } from '../../../src/core/shared/exec';
import { MemoryLogger } from '../../../src/core/shared/logger';
import { seededBusybox } from '../../support/busybox-image';
import { containersEnv, requireTool } from '../../support/containers-env';
import { buildRequest, freshContainersEnv, makeContext, nonce, registryManifest } from './build-fixtures';

describe('buildah registry layer cache', () => {
  it('lets a build in a fresh storage (a new CI runner) reuse the steps another storage pushed', async () => {
    requireTool('buildah', 'apt-get install buildah');
    const seeded = await seededBusybox();
    const id = nonce();
    const { contextDir, dockerfile } = makeContext(
      [`FROM ${seeded.byArch.amd64}`, 'COPY file.txt /file.txt', `RUN echo "expensive-step-${id}" | tee /stamp`],
      `cache input ${id}\n`,
    );
    const cache = {
      type: 'registry' as const,
      ref: `${seeded.registry}/build-test/cache-${id}`,
      scope: cacheScope('cached', id, 'linux/amd64'),
    };
    const request = (tag: string) =>
      buildRequest(
        {
          contextDir,
          dockerfile,
          platform: 'linux/amd64',
          pushRef: `${seeded.registry}/build-test/cached:${tag}`,
          sourceDateEpoch: 1767225600,
          cache,
        },
        seeded.registry,
      );

    const coldLog = new MemoryLogger();
    const cold = await createBuildahBuilder({ exec: execProcess, env: containersEnv() }).build(request(`${id}-cold`), coldLog);
    expect(coldLog.messages('info').some((m) => m.endsWith(`expensive-step-${id}`))).toBe(true);
    expect(coldLog.messages('info').some((m) => m.includes(`Pushing cache ${cache.ref}:`))).toBe(true);

    const freshEnv = freshContainersEnv();
    try {
      const warmLog = new MemoryLogger();
      const warm = await createBuildahBuilder({ exec: execProcess, env: freshEnv }).build(request(`${id}-warm`), warmLog);
      const lines = warmLog.messages('info');
      expect(lines.filter((m) => m.includes('Cache pulled from remote')).length).toBeGreaterThanOrEqual(2);
      expect(lines.some((m) => m.includes('Using cache'))).toBe(true);
      // The step's command did not run again in the fresh storage.
      expect(lines.some((m) => m.endsWith(`expensive-step-${id}`))).toBe(false);
      // Timing-free evidence: the same layers, hence the same image.
      expect(registryManifest(warm.pushedRef).manifest.layers).toEqual(
        registryManifest(cold.pushedRef).manifest.layers,
      );
      expect(warm.digest).toBe(cold.digest);
    } finally {
      rmSync(path.dirname(freshEnv.CONTAINERS_STORAGE_CONF as string), { recursive: true, force: true });
    }
  }, 180000);
});
