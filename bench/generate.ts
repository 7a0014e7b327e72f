/**
 * Benchmark: `image-manager generate` on synthetic catalogs of 100, 1,000 and 10,000 tag-variants.
 * Each image has 5 tags × (base + 1 variant) = 10 tag-variants, a Mustache Dockerfile referencing a catalog base
 * image and its versions, a test template, and rootfs files at image, version and variant level; one shared base
 * image. Runs the committed bundle (dist/cli) in a child process, as users run it, and reports wall time and
 * peak RSS (median of 3 runs). Run: `npx tsx bench/generate.ts [--source | --cli=<file>] [sizes…]`.
 *
 * `--source` runs src/cli/index.ts through tsx's CommonJS hook instead, to measure changes before the bundle is
 * rebuilt. Its figures include tsx compiling the sources (cached after the first run), so they are an upper bound
 * of what the bundle will do. `--cli=<file>` runs another build of the CLI (e.g. an ncc bundle made elsewhere).
 *
 * Catalogs go to the OS temp folder; set TMPDIR to measure another file system. On a file system where many files
 * were recently deleted (a shared /tmp, or the previous runs of this benchmark), creating files and folders can
 * cost far more than elsewhere, so compare figures taken in the same place.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const BUNDLE_CLI = path.join(__dirname, '..', 'dist', 'cli', 'index.js');
const SOURCE_CLI = path.join(__dirname, '..', 'src', 'cli', 'index.ts');
const RUNS = 3;

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
  const cliOption = args.find((arg) => arg.startsWith('--cli='));
  const cli = cliOption
    ? path.resolve(cliOption.slice('--cli='.length))
    : args.includes('--source')
      ? SOURCE_CLI
      : BUNDLE_CLI;
  const sizes = args.map(Number).filter(Boolean);
  console.log(`running ${path.relative(process.cwd(), cli)} in ${tmpdir()}`);
  console.log('tag-variants | images | wall time (median of 3) | per 1,000 | CPU user+sys | peak RSS');
  for (const size of sizes.length ? sizes : [100, 1000, 10000]) {
    const root = makeCatalog(size);
    const runs = Array.from({ length: RUNS }, () => runOnce(root, cli));
    const ms = median(runs.map((r) => r.ms));
    const cpuMs = median(runs.map((r) => r.cpuMs));
    const rss = Math.max(...runs.map((r) => r.rssMb));
    const images = Math.max(1, Math.round((size - 1) / 10));
    console.log(
      `${String(images * 10 + 1).padStart(12)} | ${String(images + 1).padStart(6)} | ${ms.toFixed(0).padStart(20)} ms | ${((ms / (images * 10 + 1)) * 1000).toFixed(0).padStart(6)} ms | ${cpuMs.toFixed(0).padStart(9)} ms | ${rss.toFixed(0)} MB`,
    );
    rmSync(root, { recursive: true, force: true });
  }
}
