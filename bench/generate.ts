/**
 * Benchmark: `image-manager generate` on synthetic catalogs of 100, 1,000 and 10,000 tag-variants.
 * Each image has 5 tags × (base + 1 variant) = 10 tag-variants, a Mustache Dockerfile referencing a catalog base
 * image and its versions, a test template, and rootfs files at image, version and variant level; one shared base
 * image. Runs the committed bundle (dist/cli) in a child process, as users run it, and reports wall time, CPU and
 * peak RSS: of the first run, which writes dist/ where there was none (a CI job), and the median of the later runs,
 * which replace the dist/ of the run before (a developer regenerating). Run:
 * `npx tsx bench/generate.ts [--source | --cli=<file>] [--runs=<n>] [sizes…]`.
 *
 * `--source` runs src/cli/index.ts through tsx's CommonJS hook instead, to measure changes before the bundle is
 * rebuilt. Its figures include tsx compiling the sources (cached after the first run), so they are an upper bound
 * of what the bundle will do. `--cli=<file>` runs another build of the CLI (e.g. an ncc bundle made elsewhere).
 *
 * Catalogs go to the OS temp folder; set TMPDIR to measure another file system (TMPDIR=/dev/shm for a tmpfs). On
 * ext4, creating an inode is slow for a few minutes after many inodes were deleted nearby (the kernel skips
 * recently deleted ones one by one): a shared /tmp, or this benchmark's own earlier runs, can make the same
 * `generate` several times slower from one run to the next. Compare figures taken in the same place, and mind
 * the load average printed first: other work on the machine shows in wall time much more than in CPU time.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';

const BUNDLE_CLI = path.join(__dirname, '..', 'dist', 'cli', 'index.js');
const SOURCE_CLI = path.join(__dirname, '..', 'src', 'cli', 'index.ts');
const DEFAULT_RUNS = 4;

function write(root: string, file: string, content: string): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), content);
}

export function makeCatalog(tagVariants: number): string {
  const root = mkdtempSync(path.join(tmpdir(), `im-bench-${tagVariants}-`));
  write(root, 'images/base/image.yml', 'name: base\nis_base_image: true\ntags:\n  - name: "2026.11"\n');
  write(
    root,
    'images/base/Dockerfile',
    'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y ca-certificates\n',
  );
  const images = Math.max(1, Math.round((tagVariants - 1) / 10));
  for (let i = 0; i < images; i++) {
    const dir = `images/app${i}/1`;
    const tags = Array.from(
      { length: 5 },
      (_, t) => `  - name: 1.${t}.${i % 7}\n    versions:\n      app: "1.${t}.${i % 7}"\n`,
    ).join('');
    write(
      root,
      `${dir}/image.yml`,
      `description: App ${i}\nversions:\n  debian: bookworm\n  app: "1.0"\nvariables:\n  user: app\ntags:\n${tags}variants:\n  - name: slim\n    tag_suffix: -slim\n    variables:\n      user: slim\n`,
    );
    write(
      root,
      `${dir}/Dockerfile.mustache`,
      [
        'FROM {{#image}}base{{/image}} AS build',
        'ARG APP_VERSION={{versions.app}}',
        'RUN apt-get update && apt-get install -y --no-install-recommends curl \\',
        ' && curl -fsSL https://example.org/app-{{versions.app}}.tar.gz -o /tmp/app.tgz',
        'FROM {{#image}}base{{/image}}',
        'COPY --from=build /tmp/app.tgz /opt/',
        'USER {{variables.user}}',
        'LABEL org.example.tag="{{tag}}"',
        '',
      ].join('\n'),
    );
    write(
      root,
      `${dir}/test.yml.mustache`,
      'schemaVersion: 2.0.0\ncommandTests:\n  - name: version\n    command: app\n    args: ["--version"]\n    expectedOutput: ["{{versions.app}}"]\n',
    );
    write(root, `images/app${i}/rootfs/etc/app/defaults.conf`, `image=${i}\n`);
    write(root, `${dir}/rootfs/etc/app/version.conf`, 'level=version\n');
    write(root, `${dir}/rootfs/usr/local/bin/entry`, '#!/bin/sh\nexec app "$@"\n');
    write(root, `${dir}/slim/rootfs/etc/app/slim.conf`, 'slim=true\n');
  }
  return root;
}

interface Run {
  ms: number;
  /** User + system CPU of the child: less sensitive than wall time to other work on a busy machine. */
  cpuMs: number;
  rssMb: number;
}

function runOnce(root: string, cli: string): Run {
  const usageFile = path.join(root, '.usage');
  const script = `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(usageFile)}, JSON.stringify(process.resourceUsage()))); process.argv = [process.execPath, ${JSON.stringify(cli)}, 'generate']; require(${JSON.stringify(cli)});`;
  // An absolute path to the hook: the catalog lives in a temp folder where `tsx` would not resolve.
  const hook = cli.endsWith('.ts') ? ['-r', require.resolve('tsx/cjs')] : [];
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [...hook, '-e', script], { cwd: root, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`generate failed:\n${result.stderr}`);
  const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as NodeJS.ResourceUsage;
  return { ms, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, rssMb: usage.maxRSS / 1024 };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

if (require.main === module) main();

function main(): void {
  const args = process.argv.slice(2);
  const option = (name: string) => args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
  const cliOption = option('cli');
  const cli = cliOption ? path.resolve(cliOption) : args.includes('--source') ? SOURCE_CLI : BUNDLE_CLI;
  const runs = Math.max(2, Number(option('runs') ?? DEFAULT_RUNS));
  const sizes = args.filter((arg) => !arg.startsWith('--')).map(Number);
  const load = loadavg()[0].toFixed(1);
  console.log(
    `running ${path.relative(process.cwd(), cli)} in ${tmpdir()}, load average ${load} on ${cpus().length} cores`,
  );
  const columns = [
    'tag-variants',
    'images',
    'fresh: wall',
    'CPU',
    `replacing: wall (median of ${runs - 1})`,
    'per 1,000',
    'CPU',
    'peak RSS',
  ];
  console.log(columns.join(' | '));
  for (const size of sizes.length ? sizes : [100, 1000, 10000]) {
    const root = makeCatalog(size);
    const [fresh, ...replacing] = Array.from({ length: runs }, () => runOnce(root, cli));
    const ms = median(replacing.map((r) => r.ms));
    const images = Math.max(1, Math.round((size - 1) / 10));
    const tagVariants = images * 10 + 1;
    const cells = [
      String(tagVariants),
      String(images + 1),
      `${fresh.ms.toFixed(0)} ms`,
      `${fresh.cpuMs.toFixed(0)} ms`,
      `${ms.toFixed(0)} ms`,
      `${((ms / tagVariants) * 1000).toFixed(0)} ms`,
      `${median(replacing.map((r) => r.cpuMs)).toFixed(0)} ms`,
      `${Math.max(fresh.rssMb, ...replacing.map((r) => r.rssMb)).toFixed(0)} MB`,
    ];
    console.log(cells.map((cell, index) => cell.padStart(columns[index].length)).join(' | '));
    rmSync(root, { recursive: true, force: true });
  }
}
