import { createBuildahBuilder } from '../../../src/core/build/buildah-builder';
import { buildOciLabels } from '../../../src/core/build/labels';
import { execProcess } from '../../../src/core/shared/exec';
import { MemoryLogger } from '../../../src/core/shared/logger';
import { seededBusybox } from '../../support/busybox-image';
import { requireTool } from '../../support/containers-env';
import {
  buildRequest,
  freshContainersEnv,
  makeContext,
  nonce,
  registryConfig,
  registryManifest,
} from './build-fixtures';

// Each test has a storage of its own, as a CI runner has: buildah records the base image in the history under its
// FIRST local name, and a parallel test that pulls the same image under another name would otherwise change it.

describe('reproducible buildah builds (environment.md §10)', () => {
  it('gives identical pushed digests for the same inputs and SOURCE_DATE_EPOCH, even when every step re-runs', async () => {
    requireTool('buildah', 'apt-get install buildah');
    const seeded = await seededBusybox();
    const builder = createBuildahBuilder({ exec: execProcess, env: freshContainersEnv() });
    const id = nonce();
    const { contextDir, dockerfile } = makeContext(
      [`FROM ${seeded.byArch.amd64}`, 'COPY file.txt /file.txt', 'RUN echo "step ran" && echo built > /stamp'],
      `input ${id}\n`,
    );
    const epoch = 1767225600;
    const labels = buildOciLabels({ image: 'repro', tag: id, createdEpoch: epoch, revision: 'a'.repeat(40) });
    const build = async (tag: string, noCache: boolean) => {
      const log = new MemoryLogger();
      const pushRef = `${seeded.registry}/build-test/repro:${tag}`;
      const request = buildRequest(
        { contextDir, dockerfile, pushRef, platform: 'linux/amd64', labels, sourceDateEpoch: epoch, noCache },
        seeded.registry,
      );
      return { result: await builder.build(request, log), log, pushRef };
    };

    const first = await build(`${id}-a`, false);
    const second = await build(`${id}-b`, true);

    // The second build really executed the RUN step again (no layer cache)…
    // (Every level and any position: under load buildah may deliver the line in pieces or with its own prefix.)
    expect(second.log.messages().join('\n')).toContain('step ran');
    // …and still produced the same bytes.
    expect(second.result.digest).toBe(first.result.digest);
    expect(registryManifest(second.pushRef).digest).toBe(first.result.digest);
    const config = registryConfig(first.pushRef);
    expect(config.created).toBe('2026-01-01T00:00:00Z');
    expect(config.config.Labels?.['org.opencontainers.image.created']).toBe('2026-01-01T00:00:00Z');
  }, 180000);

  it('never reuses a layer cached under another SOURCE_DATE_EPOCH', async () => {
    requireTool('buildah', 'apt-get install buildah');
    const seeded = await seededBusybox();
    const builder = createBuildahBuilder({ exec: execProcess, env: freshContainersEnv() });
    const id = nonce();
    const { contextDir, dockerfile } = makeContext(
      [`FROM ${seeded.byArch.amd64}`, 'COPY file.txt /file.txt', 'RUN echo built > /stamp'],
      `input ${id}\n`,
    );
    const build = async (tag: string, epoch: number, noCache: boolean) => {
      const pushRef = `${seeded.registry}/build-test/epochs:${tag}`;
      const labels = buildOciLabels({ image: 'epochs', tag: id, createdEpoch: epoch });
      const request = buildRequest(
        { contextDir, dockerfile, pushRef, platform: 'linux/amd64', labels, sourceDateEpoch: epoch, noCache },
        seeded.registry,
      );
      return (await builder.build(request, new MemoryLogger())).digest;
    };

    await build(`${id}-old`, 1700000000, false);
    // Same Dockerfile and context, a later epoch, cache allowed: must equal a clean build with that epoch.
    const cached = await build(`${id}-new`, 1767225600, false);
    const clean = await build(`${id}-clean`, 1767225600, true);
    expect(cached).toBe(clean);
  }, 180000);
});
