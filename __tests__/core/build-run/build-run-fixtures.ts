/**
 * Shared pieces of the build-run tests: busybox catalogs on disk (FROM the seeded multi-arch busybox in the shared
 * test registry, each test in its own repository namespace), the CLI with the build and daemon commands (not yet
 * registered in src/cli/commands/index.ts), and readers for what a build leaves in dist/.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { createBuildCommand, type BuildCommandDependencies } from '../../../src/cli/commands/build';
import { createDaemonCommands } from '../../../src/cli/commands/daemons';
import { generateCommand } from '../../../src/cli/commands/generate';
import type { BuildRecord } from '../../../src/core/records/records';
import type { SeededBusybox } from '../../support/busybox-image';
import { containersEnv } from '../../support/containers-env';
import { writeFiles } from '../../support/project-fixture';
import { runCommands, type CliRun } from '../../support/run-cli';

export type { CliRun };
import { testStateDir } from '../../support/shared-services';

export const EPOCH = '1767225600';

export function nonce(): string {
  return randomBytes(4).toString('hex');
}

/** Environment for builds: the shared vfs storage, a fixed SOURCE_DATE_EPOCH, no colours. */
export function buildEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...containersEnv(), SOURCE_DATE_EPOCH: EPOCH, NO_COLOR: '1', ...extra };
}

export interface BusyboxProject {
  root: string;
  /** The push registry of the project: `<test registry>/<namespace>`. */
  registry: string;
}

/**
 * A project whose images build FROM `busybox:latest`, mapped to the seeded two-platform busybox. `images` maps an
 * image folder to its files (image.yml, Dockerfile.mustache, …).
 */
export function busyboxProject(
  seeded: SeededBusybox,
  images: Record<string, string>,
  options: { platforms?: string[]; config?: string } = {},
): BusyboxProject {
  const root = mkdtempSync(path.join(scratchRoot(), 'project-'));
  const registry = `${seeded.registry}/t${nonce()}`;
  const platforms = options.platforms ?? ['linux/amd64', 'linux/arm64'];
  writeFiles(root, {
    '.image-manager.yml': [
      'dist_dir: dist',
      // Explicit, so a Docker daemon that happens to run on this machine does not change what is tested.
      'builder: buildah',
      'registries:',
      `  - url: ${registry}`,
      `platforms: [${platforms.join(', ')}]`,
      'upstream:',
      `  busybox:latest: ${seeded.multi}`,
      options.config ?? '',
      '',
    ].join('\n'),
    ...images,
  });
  return { root, registry };
}

/** base:1.0 FROM busybox; app:2.0.0 FROM base:1.0; its variant app:2.0.0-extra FROM app:2.0.0. */
export const LAYERED_IMAGES: Record<string, string> = {
  'images/base/image.yml': "name: base\nis_base_image: true\ntags:\n  - name: '1.0'\n",
  'images/base/Dockerfile.mustache': 'FROM busybox:latest\nRUN echo "base {{tag}}" > /base-info\n',
  'images/app/image.yml': 'name: app\ntags:\n  - name: 2.0.0\nvariants:\n  - name: extra\n    tag_suffix: -extra\n',
  'images/app/Dockerfile.mustache': 'FROM {{#image}}base:1.0{{/image}}\nRUN cat /base-info > /app-info\n',
  'images/app/Dockerfile.extra.mustache': 'FROM {{base_image}}\nRUN echo extra > /extra\n',
};

export function scratchRoot(): string {
  const dir = path.join(testStateDir(), 'build-run');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** `image-manager <args>` in-process with generate, build (with injected dependencies) and the daemon commands. */
export function imageManager(
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; build?: BuildCommandDependencies },
): Promise<CliRun> {
  const commands = [generateCommand, createBuildCommand(options.build), ...createDaemonCommands()];
  return runCommands(args, commands, { cwd: options.cwd, env: options.env ?? buildEnv() });
}

export function readBuildRecord(
  root: string,
  image: string,
  tag: string,
  platform: string,
  distDir = 'dist',
): BuildRecord {
  const file = path.join(root, distDir, image, tag, platform.replace(/\//g, '-'), 'build.json');
  return JSON.parse(readFileSync(file, 'utf8')) as BuildRecord;
}

/** The progress lines (`[n/N] …`) of a run, without the builders' own output. */
export function progressLines(stderr: string): string[] {
  return stderr.split('\n').filter((line) => /(^|: )\[\d+\/\d+\] /.test(line));
}

export function editFile(root: string, file: string, content: string): void {
  writeFileSync(path.join(root, file), content);
}
