/**
 * Shared set-up for the publishing tests: a small catalog whose registry URL carries a unique path (so every test
 * owns its repositories on the shared registry), per-platform images pushed with skopeo the way per-platform
 * builds push them, and an independent view of the results through skopeo.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { cleanupCommand } from '../../../src/cli/commands/cleanup';
import { manifestCommand } from '../../../src/cli/commands/manifest';
import { promoteCommand } from '../../../src/cli/commands/promote';
import { registryAnswers, registryConfigYaml } from '../../../src/core/daemon/registry-daemon';
import type { Catalog } from '../../../src/core/generate/catalog';
import { loadCatalog } from '../../../src/core/generate/load-catalog';
import { RegistryClient } from '../../../src/core/registry';
import { silentLogger } from '../../../src/core/shared/logger';
import type { SeededBusybox } from '../../support/busybox-image';
import { makeProject, writeFiles } from '../../support/project-fixture';
import { testStateDir } from '../../support/shared-services';
import { freePort, requireRegistryBinary } from '../../support/test-registry';
import { skopeoCopy, skopeoDigest, skopeoRaw } from '../registry/registry-test-kit';
import { runCommands, type CliRun } from '../../support/run-cli';

let counter = 0;

export interface PublishProject {
  root: string;
  /** Path prefix inside the registry that is unique to this project (`t123-4`). */
  prefix: string;
  /** Where the project's config points (the registry or a proxy in front of it). */
  address: string;
  /** The registry itself, for skopeo. */
  direct: string;
}

/**
 * Image `app` with tags 1.0.0 and 1.1.0 (aliases 1 → 1.1.0, 1.0 → 1.0.0, 1.1 → 1.1.0), platforms amd64 + arm64,
 * pushing to `<address>/<prefix>`.
 */
export function makePublishProject(direct: string, address = direct, extraFiles: Record<string, string> = {}) {
  const prefix = `t${process.pid}-${Date.now().toString(36)}-${++counter}`;
  const root = makeProject({
    '.image-manager.yml': [
      'registries:',
      `  - url: ${address}/${prefix}`,
      'platforms:',
      '  - linux/amd64',
      '  - linux/arm64',
      '',
    ].join('\n'),
    'images/app/1/image.yml': 'tags:\n  - name: 1.0.0\n  - name: 1.1.0\n',
    'images/app/1/Dockerfile': 'FROM busybox:1\n',
    ...extraFiles,
  });
  const project: PublishProject = { root, prefix, address, direct };
  return project;
}

export function projectCatalog(project: PublishProject, snapshotId?: string): Promise<Catalog> {
  return loadCatalog({ root: project.root, env: {}, logger: silentLogger, snapshotId });
}

/** `<registry>/<prefix>/app:<tag>` as skopeo sees it (straight at the registry). */
export function directRef(project: PublishProject, tag: string, image = 'app'): string {
  return `${project.direct}/${project.prefix}/${image}:${tag}`;
}

/**
 * Pushes the seeded busybox images as `<tag>-linux-<arch>`. `flavour: 'v2s2'` converts them to Docker schema 2
 * on the way: the same platforms under other digests, i.e. "a new build".
 */
export async function pushPlatformImages(
  seeded: SeededBusybox,
  project: PublishProject,
  tag: string,
  options: { arches?: Array<'amd64' | 'arm64'>; flavour?: 'v2s2'; image?: string } = {},
): Promise<Record<string, string>> {
  const digests: Record<string, string> = {};
  for (const arch of options.arches ?? (['amd64', 'arm64'] as const)) {
    const ref = directRef(project, `${tag}-linux-${arch}`, options.image);
    await skopeoCopy(seeded.byArch[arch], ref, { all: false, ...(options.flavour ? { format: options.flavour } : {}) });
    digests[`linux/${arch}`] = (await skopeoDigest(ref)) as string;
  }
  return digests;
}

export async function digestsOf(project: PublishProject, tags: string[]): Promise<Record<string, string | null>> {
  const entries = await Promise.all(tags.map(async (tag) => [tag, await skopeoDigest(directRef(project, tag))]));
  return Object.fromEntries(entries) as Record<string, string | null>;
}

export interface IndexJson {
  mediaType: string;
  manifests: Array<{ digest: string; platform: { os: string; architecture: string } }>;
  annotations?: Record<string, string>;
}

export async function indexAt(project: PublishProject, tag: string): Promise<IndexJson | null> {
  const raw = await skopeoRaw(directRef(project, tag));
  return raw === null ? null : (JSON.parse(raw.toString('utf8')) as IndexJson);
}

/** A client that gives up at once on a failing request (the fault tests need no retries). */
export function impatientClient(fetchFn?: typeof fetch): RegistryClient {
  return new RegistryClient({ fetch: fetchFn, retry: { maxAttempts: 1 } });
}

export interface ReportCounts {
  passed?: number;
  failed?: number;
  errors?: number;
  ref?: string;
}

/** Writes `dist/app/<tag>/linux-<arch>/test-report.json` as the test command does. */
export function writeTestReport(project: PublishProject, tag: string, arch: 'amd64' | 'arm64', counts: ReportCounts) {
  const { passed = 1, failed = 0, errors = 0, ref } = counts;
  const tests = [
    ...Array.from({ length: passed }, (_, i) => ({
      kind: 'commandTests',
      name: `ok ${i}`,
      status: 'passed',
      durationMs: 1,
    })),
    ...Array.from({ length: failed }, (_, i) => ({
      kind: 'commandTests',
      name: `broken ${i}`,
      status: 'failed',
      durationMs: 1,
      message: 'expected 0, got 1',
    })),
    ...Array.from({ length: errors }, (_, i) => ({
      kind: 'fileExistenceTests',
      name: `err ${i}`,
      status: 'error',
      durationMs: 1,
    })),
  ];
  const report = {
    image: 'app',
    tag,
    platform: `linux/${arch}`,
    ...(ref ? { ref } : {}),
    runtime: 'podman',
    summary: { passed, failed, errors, notRun: 0, durationMs: tests.length },
    tests,
  };
  writeFiles(project.root, { [`dist/app/${tag}/linux-${arch}/test-report.json`]: JSON.stringify(report, null, 2) });
}

export interface RegistryWithoutDeletes {
  address: string;
  stop(): Promise<void>;
}

/** A real distribution registry with `storage.delete.enabled: false`, as many production registries run. */
export async function startRegistryWithoutDeletes(): Promise<RegistryWithoutDeletes> {
  const binary = requireRegistryBinary();
  const stateDir = mkdtempSync(path.join(testStateDir(), 'no-delete-registry-'));
  const port = await freePort();
  const config = path.join(stateDir, 'config.yml');
  const yaml = registryConfigYaml({ stateDir, port }).replace(
    /delete:\n {4}enabled: true/,
    'delete:\n    enabled: false',
  );
  if (!yaml.includes('enabled: false')) throw new Error('could not disable deletes in the registry config');
  writeFileSync(config, yaml);
  const child = spawn(binary, ['serve', config], { stdio: 'ignore' });
  const address = `127.0.0.1:${port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  for (let i = 0; i < 150; i++) {
    if (await registryAnswers(address)) return { address, stop };
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(`the registry without deletes on ${address} did not come up`);
}

/** Runs the CLI with the publishing commands (as `cli()` does with the registered ones), capturing output. */
export function publishCli(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<CliRun> {
  const env = { ...process.env, NO_COLOR: '1', ...options.env };
  return runCommands(args, [manifestCommand, promoteCommand, cleanupCommand], { cwd: options.cwd, env });
}
