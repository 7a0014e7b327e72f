/**
 * Benchmark: publish a 2-platform index and 6 alias tags from per-platform images already in a registry.
 *   ours:     mergePlatformImages + applyTags (our OCI client)
 *   buildah:  buildah manifest create/add (from the registry or from local storage) + manifest push --all,
 *             then skopeo copy --all per alias (what a user of this machine would otherwise do)
 * Every tool goes through the same counting proxy in front of a real registry, so request counts and uploaded
 * blob bytes are measured on the wire the same way for all. Run: `npx tsx bench/registry-merge.ts`
 * (BENCH_RUNS=n for more runs; needs buildah, skopeo and docker-registry, see environment.md).
 */
import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';

process.env.IMAGE_MANAGER_TEST_STATE ??= path.join(tmpdir(), `im-bench-registry-${process.pid}`);

import { applyTags } from '../src/core/registry/apply-tags';
import { RegistryClient } from '../src/core/registry/client';
import { mergePlatformImages } from '../src/core/registry/merge-platform-images';
import { withDigest, withTag, type RepositoryRef } from '../src/core/registry/reference';
import { seededBusybox } from '../__tests__/support/busybox-image';
import { containersEnv } from '../__tests__/support/containers-env';
import { startFaultProxy, type FaultProxy } from '../__tests__/support/fault-proxy';
import { stopSharedServices } from '../__tests__/support/shared-services';

const run = promisify(execFile);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const ALIASES = ['1', '1.2', 'latest', 'stable', '1-slim', '1.2-slim'];

interface Sample {
  ms: number;
  requests: number;
  blobBytes: number;
  manifestBytes: number;
  digestOk: boolean;
}

async function sh(command: string, args: string[]): Promise<string> {
  return (await run(command, args, { env: containersEnv(), maxBuffer: 64 * 1024 * 1024 })).stdout.trim();
}

async function digestOf(ref: string): Promise<string> {
  const { stdout } = await run('skopeo', ['inspect', '--raw', '--tls-verify=false', `docker://${ref}`], {
    env: containersEnv(),
    encoding: 'buffer',
  });
  const { createHash } = await import('node:crypto');
  return `sha256:${createHash('sha256').update(stdout).digest('hex')}`;
}

/** Our client; its own fetch is instrumented too, and must agree with the proxy's counts. */
async function ours(proxy: FaultProxy, repo: RepositoryRef, i: number): Promise<Sample> {
  let fetchRequests = 0;
  let fetchUploadBytes = 0;
  const counting: typeof fetch = (input, init) => {
    fetchRequests++;
    const body = init?.body;
    if (String(input).includes('/blobs/uploads') && body instanceof Uint8Array) fetchUploadBytes += body.byteLength;
    return fetch(input, init);
  };
  proxy.clearLog();
  const started = performance.now();
  const client = new RegistryClient({ fetch: counting });
  const merged = await mergePlatformImages(client, {
    target: withTag(repo, `o${i}-1.2.3`),
    platforms: [withTag(repo, '1.2.3-linux-amd64'), withTag(repo, '1.2.3-linux-arm64')],
  });
  await applyTags(client, {
    source: withDigest(repo, merged.digest),
    tags: ALIASES.map((a) => `o${i}-${a}`),
    manifest: { bytes: merged.manifestBytes, mediaType: merged.mediaType },
  });
  const ms = performance.now() - started;
  const stats = proxy.stats();
  if (stats.requests !== fetchRequests || stats.blobUploadBytes !== fetchUploadBytes) {
    throw new Error(`proxy and fetch counts disagree: ${JSON.stringify({ stats, fetchRequests, fetchUploadBytes })}`);
  }
  const digests = await Promise.all(ALIASES.map((a) => digestOf(`${repo.registry}/${repo.repository}:o${i}-${a}`)));
  return {
    ms,
    requests: stats.requests,
    blobBytes: stats.blobUploadBytes,
    manifestBytes: stats.manifestUploadBytes,
    digestOk: digests.every((d) => d === merged.digest),
  };
}

/** buildah manifest create/add/push --all, then one skopeo copy per alias. */
async function buildahSkopeo(
  proxy: FaultProxy,
  repo: RepositoryRef,
  i: number,
  source: 'registry' | 'local',
): Promise<Sample> {
  const prefix = source === 'registry' ? 'r' : 'l';
  const list = `localhost/bench-list-${prefix}${i}-${process.pid}`;
  const target = `${repo.registry}/${repo.repository}:${prefix}${i}-1.2.3`;
  proxy.clearLog();
  const started = performance.now();
  await sh('buildah', ['manifest', 'create', list]);
  for (const arch of ['amd64', 'arm64']) {
    const image =
      source === 'registry'
        ? `docker://${repo.registry}/${repo.repository}:1.2.3-linux-${arch}`
        : `containers-storage:localhost/test/busybox:${arch}`;
    await sh('buildah', ['manifest', 'add', '--tls-verify=false', list, image]);
  }
  await sh('buildah', ['manifest', 'push', '--all', '-q', '--tls-verify=false', list, `docker://${target}`]);
  for (const alias of ALIASES) {
    const to = `${repo.registry}/${repo.repository}:${prefix}${i}-${alias}`;
    await sh('skopeo', [
      'copy', '-q', '--all', '--src-tls-verify=false', '--dest-tls-verify=false', `docker://${target}`, `docker://${to}`,
    ]); // prettier-ignore
  }
  const ms = performance.now() - started;
  const stats = proxy.stats();
  await sh('buildah', ['manifest', 'rm', list]);
  const index = await digestOf(target);
  const digests = await Promise.all(
    ALIASES.map((a) => digestOf(`${repo.registry}/${repo.repository}:${prefix}${i}-${a}`)),
  );
  return {
    ms,
    requests: stats.requests,
    blobBytes: stats.blobUploadBytes,
    manifestBytes: stats.manifestUploadBytes,
    digestOk: digests.every((d) => d === index),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function summary(name: string, samples: Sample[]): Record<string, string | number | boolean> {
  return {
    method: name,
    'median ms': Math.round(median(samples.map((s) => s.ms))),
    'min ms': Math.round(Math.min(...samples.map((s) => s.ms))),
    'HTTP requests': median(samples.map((s) => s.requests)),
    'blob bytes up': median(samples.map((s) => s.blobBytes)),
    'manifest bytes up': median(samples.map((s) => s.manifestBytes)),
    'aliases = index digest': samples.every((s) => s.digestOk),
  };
}

async function main(): Promise<void> {
  const seeded = await seededBusybox();
  const proxy = await startFaultProxy(seeded.registry);
  try {
    const repo = { registry: proxy.address, repository: 'bench/app' };
    for (const arch of ['amd64', 'arm64'] as const) {
      await sh('skopeo', [
        'copy', '-q', '--src-tls-verify=false', '--dest-tls-verify=false',
        `docker://${seeded.byArch[arch]}`, `docker://${seeded.registry}/bench/app:1.2.3-linux-${arch}`,
      ]); // prettier-ignore
    }
    const results: Record<string, Sample[]> = {
      ours: [],
      'buildah+skopeo (from registry)': [],
      'buildah+skopeo (from local storage)': [],
    };
    // One warm-up round each (not measured): first runs pay for process caches and registry directory creation.
    await ours(proxy, repo, 999);
    await buildahSkopeo(proxy, repo, 999, 'registry');
    await buildahSkopeo(proxy, repo, 999, 'local');
    for (let i = 0; i < RUNS; i++) {
      results.ours.push(await ours(proxy, repo, i));
      results['buildah+skopeo (from registry)'].push(await buildahSkopeo(proxy, repo, i, 'registry'));
      results['buildah+skopeo (from local storage)'].push(await buildahSkopeo(proxy, repo, i, 'local'));
    }
    const rows = Object.entries(results).map(([name, samples]) => summary(name, samples));
    console.log(
      `registry-merge: 2-platform index + ${ALIASES.length} aliases, ${RUNS} runs (medians), via a counting proxy`,
    );
    console.table(rows);
    const oursMs = median(results.ours.map((s) => s.ms));
    for (const name of Object.keys(results).filter((n) => n !== 'ours')) {
      console.log(`speed-up vs ${name}: ${(median(results[name].map((s) => s.ms)) / oursMs).toFixed(1)}x`);
    }
  } finally {
    await proxy.close();
    await stopSharedServices();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
