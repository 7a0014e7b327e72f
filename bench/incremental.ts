/**
 * Benchmark: incremental builds (run: `npx tsx bench/incremental.ts`).
 *
 * A 12-image, 3-level busybox catalog — 1 base, 3 mid-level images on it, 8 leaves on those (2 or 3 each) — with
 * small real builds (each RUN waits 1 s, as a download would, and writes some data), for linux/amd64, with buildah
 * and a real registry. Measured, each with the number of platform images really built:
 *   1. the full build (empty registry);
 *   2. a no-op rebuild (nothing changed): target 0 builds, under 10% of the full build's time;
 *   3. one leaf's Dockerfile changed: target exactly that leaf.
 *   4. one mid-level image changed: that image and its leaves.
 * Everything runs in a temporary folder with its own registry and storage, removed afterwards.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createBuildCommand } from '../src/cli/commands/build';
import { generateCommand } from '../src/cli/commands/generate';
import { runCli } from '../src/cli/run-cli';
import { startRegistryDaemon, stopRegistryDaemon } from '../src/core/daemon/registry-daemon';
import type { BuildRecord } from '../src/core/records/records';
import type { Logger } from '../src/core/shared/logger';
import { freePort, freshStorage, seedBusybox, write } from './build-support';

const MIDS = ['m1', 'm2', 'm3'];
const LEAVES: Record<string, string> = {
  l1: 'm1',
  l2: 'm1',
  l3: 'm1',
  l4: 'm2',
  l5: 'm2',
  l6: 'm2',
  l7: 'm3',
  l8: 'm3',
};
const IMAGES = ['base', ...MIDS, ...Object.keys(LEAVES)];

const step = (label: string) => `RUN sleep 1 && seq 1 20000 | sed 's/^/${label} /' > /${label}.txt`;

function catalog(busybox: string, registry: string): Record<string, string> {
  const files: Record<string, string> = {
    '.image-manager.yml': `builder: buildah\nregistries:\n  - url: ${registry}\nplatforms: [linux/amd64]\nupstream:\n  busybox:latest: ${busybox}\n`,
    'images/base/image.yml': "name: base\nis_base_image: true\ntags:\n  - name: '1'\n",
    'images/base/Dockerfile.mustache': `FROM busybox:latest\n${step('base')}\n`,
  };
  for (const mid of MIDS) {
    files[`images/${mid}/image.yml`] = `name: ${mid}\nis_base_image: true\ntags:\n  - name: '1'\n`;
    files[`images/${mid}/Dockerfile.mustache`] = `FROM {{#image}}base:1{{/image}}\n${step(mid)}\n`;
  }
  for (const [leaf, mid] of Object.entries(LEAVES)) {
    files[`images/${leaf}/image.yml`] = `name: ${leaf}\ntags:\n  - name: '1'\n`;
    files[`images/${leaf}/Dockerfile.mustache`] = `FROM {{#image}}${mid}:1{{/image}}\n${step(leaf)}\n`;
  }
  return files;
}

interface Run {
  seconds: number;
  built: string[];
}

async function run(root: string, args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  const lines: string[] = [];
  const keep = (message: string) => lines.push(message);
  const logger: Logger = { info: keep, warn: keep, error: keep, debug: () => {} };
  const context = { cwd: root, env, stdout: () => {}, stderr: keep, logger };
  const start = process.hrtime.bigint();
  const code = await runCli(args, [generateCommand, createBuildCommand()], context);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (code !== 0) throw new Error(`${args.join(' ')} failed (${code}):\n${lines.slice(-30).join('\n')}`);
  if (args[0] !== 'build') return { seconds, built: [] };
  const built = IMAGES.filter((image) => {
    const file = path.join(root, 'dist', image, '1', 'linux-amd64', 'build.json');
    return (JSON.parse(readFileSync(file, 'utf8')) as BuildRecord).reusedFrom === undefined;
  });
  return { seconds, built };
}

async function main(): Promise<void> {
  const workDir = mkdtempSync(path.join(tmpdir(), 'im-bench-incremental-'));
  const registryState = path.join(workDir, 'registry');
  const registry = await startRegistryDaemon({ stateDir: registryState, port: await freePort() });
  try {
    const env = freshStorage(workDir, 'runner');
    const busybox = seedBusybox(workDir, registry.address);
    const project = path.join(workDir, 'catalog');
    write(project, catalog(busybox, `${registry.address}/incremental`));
    const build = () => run(project, ['build', '--jobs', '2'], env);
    const change = async (image: string, base: string) => {
      write(project, {
        [`images/${image}/Dockerfile.mustache`]: `FROM {{#image}}${base}:1{{/image}}\n${step(`${image}v2`)}\n`,
      });
      await run(project, ['generate'], env);
    };

    const full = await build();
    const noop = await build();
    await change('l5', 'm2');
    const leaf = await build();
    await change('m3', 'base');
    const mid = await build();

    console.log(`12 images (1 base, 3 mid, 8 leaves), linux/amd64, buildah, --jobs 2\n`);
    console.log('| run | wall time | platform images built | which |');
    console.log('|---|---:|---:|---|');
    const rows: Array<[string, Run]> = [
      ['full build (empty registry)', full],
      ['no-op rebuild', noop],
      ['one leaf changed (l5)', leaf],
      ['one mid-level image changed (m3)', mid],
    ];
    for (const [name, r] of rows) {
      console.log(`| ${name} | ${r.seconds.toFixed(1)} s | ${r.built.length} | ${r.built.join(', ') || '—'} |`);
    }
    console.log(`\nno-op rebuild: ${((noop.seconds / full.seconds) * 100).toFixed(1)}% of the full build's time`);
  } finally {
    await stopRegistryDaemon(registryState);
    rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
