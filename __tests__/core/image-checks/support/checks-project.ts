/**
 * Projects for the `test` and `sbom` tests: tiny busybox images built and pushed by the real `image-manager build`
 * (FROM the seeded two-platform busybox in the shared test registry, each project in its own namespace), and the
 * CLI with generate, build, test, sbom, report and promote in a local command array (test and sbom are not
 * registered in src/cli/commands/index.ts by this change).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { createBuildCommand } from '../../../../src/cli/commands/build';
import { generateCommand } from '../../../../src/cli/commands/generate';
import { promoteCommand } from '../../../../src/cli/commands/promote';
import { reportCommand } from '../../../../src/cli/commands/report';
import { sbomCommand } from '../../../../src/cli/commands/sbom';
import { testCommand } from '../../../../src/cli/commands/test';
import type { BuildRecord, TestReport } from '../../../../src/core/records/records';
import { seededBusybox } from '../../../support/busybox-image';
import { containersEnv, requireTool } from '../../../support/containers-env';
import { writeFiles } from '../../../support/project-fixture';
import { runCommands, type CliRun } from '../../../support/run-cli';
import { testStateDir } from '../../../support/shared-services';

export type { CliRun };

export const EPOCH = '1767225600';

/** Environment for builds and checks: the shared vfs storage (buildah, podman), a fixed SOURCE_DATE_EPOCH. */
export function checksEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...containersEnv(), SOURCE_DATE_EPOCH: EPOCH, NO_COLOR: '1', ...extra };
}

export function imageManager(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<CliRun> {
  const commands = [generateCommand, createBuildCommand(), testCommand, sbomCommand, reportCommand, promoteCommand];
  return runCommands(args, commands, { cwd: options.cwd, env: options.env ?? checksEnv() });
}

export interface ChecksProject {
  root: string;
  /** Push registry of the project: `<shared test registry>/<namespace>`. */
  registry: string;
}

/** A project with `images` (folder → files) on two platforms, FROM `busybox:latest` = the seeded busybox. */
export async function checksProject(images: Record<string, string>): Promise<ChecksProject> {
  requireTool('buildah', 'apt-get install buildah');
  const seeded = await seededBusybox();
  const scratch = path.join(testStateDir(), 'image-checks');
  mkdirSync(scratch, { recursive: true });
  const root = mkdtempSync(path.join(scratch, 'project-'));
  const registry = `${seeded.registry}/c${randomBytes(4).toString('hex')}`;
  writeFiles(root, {
    '.image-manager.yml': [
      'dist_dir: dist',
      'builder: buildah',
      'registries:',
      `  - url: ${registry}`,
      'platforms: [linux/amd64, linux/arm64]',
      'upstream:',
      `  busybox:latest: ${seeded.multi}`,
      '',
    ].join('\n'),
    ...images,
  });
  return { root, registry };
}

/** generate + build (both platforms, merged) under a snapshot id; fails the test when the build fails. */
export async function buildProject(project: ChecksProject, snapshotId: string): Promise<void> {
  const built = await imageManager(['build', '--snapshot-id', snapshotId], { cwd: project.root });
  if (built.code !== 0) throw new Error(`image-manager build failed (${built.code}):\n${built.stderr}`);
}

export function platformDir(root: string, image: string, tag: string, arch: string): string {
  return path.join(root, 'dist', image, tag, `linux-${arch}`);
}

export function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

export function buildRecord(root: string, image: string, tag: string, arch: string): BuildRecord {
  return readJson<BuildRecord>(path.join(platformDir(root, image, tag, arch), 'build.json'));
}

export function testReport(root: string, image: string, tag: string, arch: string): TestReport {
  return readJson<TestReport>(path.join(platformDir(root, image, tag, arch), 'test-report.json'));
}
