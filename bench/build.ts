/**
 * Benchmark: `image-manager build` with buildah against a real registry (run: `npx tsx bench/build.ts`).
 *
 * 1. A busybox copy of the example catalog (base → lua 5.1.5/5.4.4 + -dev variants → luacheck FROM lua:5.1, six
 *    tags; each RUN waits 3 s, as a download would, and writes some data) built for linux/amd64 with
 *    `cache: {type: registry}`:
 *    a) cold, in an empty storage;  b) again in another empty storage (a fresh CI runner) with only the registry
 *    cache to help. Reports wall times and how many steps came from the cache.
 * 2. A DAG of independent images (one base, four children that each wait 5 s) built with --jobs 1 and --jobs 2,
 *    each in an empty storage with --no-cache.
 * The Debian example catalog itself is not used: its cold build is dominated by apt downloads (minutes, network
 * dependent), which would drown what is measured here. Everything runs in a temporary folder with its own
 * registry and storages, removed afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createBuildCommand } from '../src/cli/commands/build';
import { generateCommand } from '../src/cli/commands/generate';
import { runCli } from '../src/cli/run-cli';
import { startRegistryDaemon, stopRegistryDaemon } from '../src/core/daemon/registry-daemon';
import type { Logger } from '../src/core/shared/logger';
import { freePort, freshStorage, seedBusybox, write } from './build-support';

/** A step that takes `seconds` (waiting, like a download) and writes a little data. */
const work = (seconds: number, label: string) =>
  `RUN sleep ${seconds} && seq 1 50000 | sed 's/^/${label} /' > /${label}.txt`;

function exampleCatalog(busybox: string, registry: string): Record<string, string> {
  return {
    '.image-manager.yml': `builder: buildah\nregistries:\n  - url: ${registry}\nplatforms: [linux/amd64]\ncache:\n  type: registry\nupstream:\n  busybox:latest: ${busybox}\n`,
    'images/base/image.yml': "name: base\nis_base_image: true\ntags:\n  - name: '2026.11'\n",
    'images/base/Dockerfile.mustache': `FROM busybox:latest\n${work(3, 'base')}\nENV LANG=C.UTF-8\n`,
    'images/lua/5.1/image.yml':
      "versions:\n  lua: '5.1'\ntags:\n  - name: 5.1.5\nvariants:\n  - name: dev\n    tag_suffix: -dev\n",
    'images/lua/5.4/image.yml':
      "versions:\n  lua: '5.4'\ntags:\n  - name: 5.4.4\nvariants:\n  - name: dev\n    tag_suffix: -dev\n",
    'images/lua/templates/Dockerfile.mustache': `FROM {{#image}}base{{/image}}\n${work(3, 'lua{{versions.lua}}')}\nCMD ["sh"]\n`,
    'images/lua/templates/Dockerfile.dev.mustache': `FROM {{base_image}}\n${work(3, 'dev{{versions.lua}}')}\n`,
    'images/luacheck/image.yml': 'tags:\n  - name: 1.1.0\n',
    'images/luacheck/Dockerfile.mustache': `FROM {{#image}}lua:5.1{{/image}}\n${work(3, 'luacheck')}\nWORKDIR /src\n`,
  };
}

function dagCatalog(busybox: string, registry: string, children: number): Record<string, string> {
  const files: Record<string, string> = {
    '.image-manager.yml': `builder: buildah\nregistries:\n  - url: ${registry}\nplatforms: [linux/amd64]\nupstream:\n  busybox:latest: ${busybox}\n`,
    'images/root/image.yml': "name: root\ntags:\n  - name: '1'\n",
    'images/root/Dockerfile.mustache': `FROM busybox:latest\n${work(1, 'root')}\n`,
  };
  for (let i = 1; i <= children; i++) {
    files[`images/leaf${i}/image.yml`] = `name: leaf${i}\ntags:\n  - name: '1'\n`;
    files[`images/leaf${i}/Dockerfile.mustache`] = `FROM {{#image}}root:1{{/image}}\n${work(5, `leaf${i}`)}\n`;
  }
  return files;
}

interface Measured {
  seconds: number;
  /** Build steps (Dockerfile instructions plus the LABEL steps buildah adds for --label). */
  steps: number;
  /** Steps not run: found in the local layer cache or pulled from the registry cache. */
  cached: number;
  /** Of those, pulled from the registry cache. */
  remote: number;
}

async function build(root: string, args: string[], env: NodeJS.ProcessEnv): Promise<Measured> {
  const lines: string[] = [];
  const keep = (message: string) => lines.push(message);
  const logger: Logger = { info: keep, warn: keep, error: keep, debug: () => {} };
  const context = { cwd: root, env, stdout: () => {}, stderr: keep, logger };
  const start = process.hrtime.bigint();
  const code = await runCli(['build', ...args], [generateCommand, createBuildCommand()], context);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (code !== 0) throw new Error(`build ${args.join(' ')} failed (${code}):\n${lines.slice(-30).join('\n')}`);
  // buildah prints "STEP n/m: …" per step, "Using cache <id>" per step it did not run, preceded by "Cache pulled
  // from remote <ref>" when the layer came from the registry cache.
  return {
    seconds,
    steps: lines.filter((l) => /\] STEP \d+\/\d+: /.test(l)).length,
    cached: lines.filter((l) => /\] --> Using cache /.test(l)).length,
    remote: lines.filter((l) => /\] --> Cache pulled from remote /.test(l)).length,
  };
}

async function main(): Promise<void> {
  const workDir = mkdtempSync(path.join(tmpdir(), 'im-bench-build-'));
  const registryState = path.join(workDir, 'registry');
  const registry = await startRegistryDaemon({ stateDir: registryState, port: await freePort() });
  try {
    const busybox = seedBusybox(workDir, registry.address);
    const example = path.join(workDir, 'example');
    write(example, exampleCatalog(busybox, `${registry.address}/example`));
    const cold = await build(example, [], freshStorage(workDir, 'cold'));
    // --force: the registry already has these images (incremental builds would reuse them); measure the cache.
    const warm = await build(example, ['--force'], freshStorage(workDir, 'fresh-runner'));

    const rows: Array<[string, Measured]> = [
      ['example (busybox), cold, empty storage', cold],
      ['example (busybox), empty storage + registry cache', warm],
    ];
    const dag = path.join(workDir, 'dag');
    write(dag, dagCatalog(busybox, `${registry.address}/dag`, 4));
    const serial = await build(dag, ['--jobs', '1', '--no-cache'], freshStorage(workDir, 'jobs1'));
    const parallel = await build(dag, ['--jobs', '2', '--no-cache'], freshStorage(workDir, 'jobs2'));
    rows.push(['DAG root + 4 leaves, --jobs 1', serial], ['DAG root + 4 leaves, --jobs 2', parallel]);

    console.log('| run | wall time | steps | not run (cache) | of which from the registry cache |');
    console.log('|---|---:|---:|---:|---:|');
    for (const [name, m] of rows) {
      console.log(`| ${name} | ${m.seconds.toFixed(1)} s | ${m.steps} | ${m.cached} | ${m.remote} |`);
    }
    console.log(`\nregistry cache on a fresh runner: ${(cold.seconds / warm.seconds).toFixed(2)}× faster than cold`);
    console.log(`--jobs 2 vs --jobs 1: ${(serial.seconds / parallel.seconds).toFixed(2)}× faster`);
  } finally {
    await stopRegistryDaemon(registryState);
    rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
