/**
 * Image tests: ours (file and metadata tests answered from the docker-archive, command tests in podman) vs the way
 * container-structure-test works (load the image into a runtime, then one container per file check and one per
 * command; the metadata test inspects the image). Run: npx tsx bench/structure-test.ts [rounds]
 *
 * Image: the Debian-like test image (real dpkg status of 5 packages, os-release, copyright files, busybox).
 * Config: 19 file tests (14 existence, 5 content) + 1 metadata test = 20 file/metadata tests, and 5 command tests.
 * Baseline per round: `podman load`, 19 × `podman run --rm IMG <check>`, `podman image inspect`, 5 × `podman run`.
 * Both use the same podman and storage (vfs, runc, under a short /tmp path). The median of the rounds is printed.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { parseStructureTestConfig } from '../src/core/structure-test/config/parse-config';
import { runStructureTests } from '../src/core/structure-test/run-structure-tests';

const run = promisify(execFile);
const FILES = [
  '/bin/busybox',
  '/bin/sh',
  '/etc/os-release',
  '/etc/debian_version',
  '/var/lib/dpkg/status',
  '/usr/share/doc/bash',
  '/usr/share/doc/libc6/copyright',
  '/usr/share/doc/zlib1g/copyright',
  '/usr/share/doc/tzdata/copyright',
  '/usr/share/doc/base-files/copyright',
  '/bin/ls',
  '/bin/cat',
  '/var/lib/dpkg',
];
const CONTENT: Array<[string, string]> = [
  ['/etc/os-release', 'ID=debian'],
  ['/var/lib/dpkg/status', 'Package: bash'],
  ['/usr/share/doc/zlib1g/copyright', 'zlib'],
  ['/etc/debian_version', '^12'],
  ['/usr/share/doc/bash/copyright', 'GPL'],
];
const COMMANDS: Array<[string, string[], string]> = [
  ['echo', ['hello'], '^hello'],
  ['sh', ['-c', 'ls /usr/share/doc | wc -l'], '5'],
  ['cat', ['/etc/debian_version'], '^12'],
  ['uname', ['-m'], 'x86_64'],
  ['sh', ['-c', 'grep -c ^Package: /var/lib/dpkg/status'], '^5'],
];

function config(withCommands: boolean): string {
  const lines = ['schemaVersion: "2.0.0"', 'fileExistenceTests:'];
  FILES.forEach((file, i) => lines.push(`  - {name: exists ${i}, path: "${file}"}`));
  lines.push('  - {name: absent, path: /usr/bin/python3, shouldExist: false}');
  lines.push('fileContentTests:');
  CONTENT.forEach(([file, pattern], i) =>
    lines.push(`  - {name: content ${i}, path: "${file}", expectedContents: ["${pattern}"]}`),
  );
  lines.push('metadataTest:', '  cmd: ["sh"]', '  workdir: ""');
  if (withCommands) {
    lines.push('commandTests:');
    COMMANDS.forEach(([command, args, pattern], i) =>
      lines.push(
        `  - {name: command ${i}, command: ${command}, args: ${JSON.stringify(args)}, expectedOutput: ["${pattern}"]}`,
      ),
    );
  }
  return lines.join('\n');
}

async function baseline(
  env: NodeJS.ProcessEnv,
  archive: string,
  imageId: string,
  withCommands: boolean,
): Promise<void> {
  const podman = (args: string[]) => run('podman', args, { env, maxBuffer: 16 * 1024 * 1024 });
  const container = (argv: string[]) =>
    podman(['run', '--rm', '--network', 'none', '--entrypoint', '', imageId, ...argv]);
  await podman(['load', '-q', '-i', archive]);
  for (const file of [...FILES, '/usr/bin/python3'])
    await container(['stat', '-L', '-c', '%A %u %g', file]).catch(() => undefined);
  for (const [file] of CONTENT) await container(['cat', file]);
  await podman(['image', 'inspect', imageId]);
  if (withCommands) for (const [command, args] of COMMANDS) await container([command, ...args]);
  await podman(['rmi', '-f', imageId]);
}

async function ours(env: NodeJS.ProcessEnv, archive: string, withCommands: boolean): Promise<void> {
  const outcome = await runStructureTests({
    image: 'debian-like',
    tag: 'bench',
    platform: 'linux/amd64',
    archive,
    config: parseStructureTestConfig(config(withCommands), 'bench.yml'),
    runtime: 'podman',
    env,
  });
  if (!outcome.passed)
    throw new Error(
      `benchmark tests failed: ${JSON.stringify(outcome.report.tests.filter((t) => t.status !== 'passed'))}`,
    );
}

async function timed(action: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await action();
  return performance.now() - started;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 3);
  // A short storage path: podman under a long one waits 20 s for every container exit (conmon timeout).
  const state = mkdtempSync(path.join(tmpdir(), 'im-bench-'));
  process.env.IMAGE_MANAGER_TEST_STATE = state;
  try {
    const { debianLikeImage } = await import('../__tests__/core/structure-test/support/test-images');
    const { containersEnv } = await import('../__tests__/support/containers-env');
    const { openDockerArchive } = await import('../src/core/structure-test/archive/docker-archive');
    const image = await debianLikeImage();
    const env = containersEnv();
    const imageId = (await openDockerArchive(image.archive)).imageId;
    const results: Record<string, number[]> = { oursFiles: [], baseFiles: [], oursAll: [], baseAll: [] };
    for (let round = 0; round < rounds; round++) {
      results.oursFiles.push(await timed(() => ours(env, image.archive, false)));
      results.baseFiles.push(await timed(() => baseline(env, image.archive, imageId, false)));
      results.oursAll.push(await timed(() => ours(env, image.archive, true)));
      await run('podman', ['rmi', '-f', imageId], { env }).catch(() => undefined);
      results.baseAll.push(await timed(() => baseline(env, image.archive, imageId, true)));
    }
    const m = Object.fromEntries(Object.entries(results).map(([key, values]) => [key, median(values)]));
    const row = (label: string, a: number, b: number) =>
      `${label.padEnd(34)} ours ${(a / 1000).toFixed(2).padStart(6)} s   per-check containers ${(b / 1000).toFixed(2).padStart(6)} s   ${(b / a).toFixed(1)}× faster`;
    console.log(
      `structure tests on the Debian-like image, podman ${(await run('podman', ['--version'])).stdout.trim().split(' ').pop()}, median of ${rounds} rounds`,
    );
    console.log(row('20 file/metadata tests', m.oursFiles, m.baseFiles));
    console.log(row('whole run (+ 5 command tests)', m.oursAll, m.baseAll));
  } finally {
    rmSync(state, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
