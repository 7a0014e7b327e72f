/**
 * Shared pieces of the step-action tests: a busybox catalog pushed to the shared test registry, and job workspaces
 * that look like GitHub's. Every job of a real workflow runs on a fresh runner with a fresh checkout plus the
 * generated files from the generate job's artifact, so each job here gets its own copy of the generate job's
 * workspace: a step that secretly relied on files another job left behind would fail here too.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ACTIONS_DIR, readAction, runAction, type ActionRun } from '../support/github-runner';
import { seededBusybox } from '../support/busybox-image';
import { requireTool } from '../support/containers-env';
import {
  buildEnv,
  busyboxProject,
  LAYERED_IMAGES,
  scratchRoot,
  type BusyboxProject,
} from '../core/build-run/build-run-fixtures';

/** A fake token: the steps must mask it and never print it. */
export const TOKEN = 'ghs_fakeTokenForTheActionTests0123456789';

/** The layered busybox catalog (base → app → app-extra) with image tests on app. */
export async function pipelineProject(): Promise<BusyboxProject> {
  requireTool('buildah', 'apt-get install buildah');
  requireTool('skopeo', 'apt-get install skopeo');
  const project = busyboxProject(await seededBusybox(), {
    ...LAYERED_IMAGES,
    // A Debian-like package database (through the catalog's rootfs/ layering), so the SBOM has a package to list.
    'images/app/rootfs/etc/os-release': 'ID=debian\nVERSION_ID="12"\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n',
    'images/app/rootfs/etc/debian_version': '12.0\n',
    'images/app/rootfs/var/lib/dpkg/status': [
      'Package: hello-image-manager',
      'Status: install ok installed',
      'Priority: optional',
      'Section: misc',
      'Installed-Size: 1',
      'Maintainer: Test <test@example.com>',
      'Architecture: all',
      'Version: 1.0-1',
      'Description: the package the SBOM must list',
      '',
    ].join('\n'),
    'images/app/test.yml.mustache': [
      'schemaVersion: 2.0.0',
      'fileExistenceTests:',
      '  - name: app info',
      '    path: /app-info',
      '    shouldExist: true',
      'fileContentTests:',
      '  - name: app info comes from the base',
      '    path: /app-info',
      '    expectedContents: ["base 1.0"]',
      'commandTests:',
      '  - name: busybox runs',
      '    command: sh',
      "    args: ['-c', 'cat /app-info']",
      '    expectedOutput: ["base 1.0"]',
      '',
    ].join('\n'),
  });
  commitAll(project.root);
  return project;
}

/**
 * The project is its own git repository, as a checkout is: builds and indexes record the commit (revision label
 * and annotation), which must not follow whatever the enclosing repository's HEAD is while the tests run.
 */
function commitAll(root: string): void {
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=image-manager tests', '-c', 'user.email=tests@example.com', ...args], {
      cwd: root,
      env: { ...process.env, GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z', GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z' },
      stdio: 'ignore',
    });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'the catalog');
}

/** A fresh runner's workspace: a copy of `from` (the checkout plus the generated files of the generate job). */
export function jobWorkspace(from: string): string {
  const root = mkdtempSync(path.join(scratchRoot(), 'job-'));
  cpSync(from, root, { recursive: true, verbatimSymlinks: true });
  return root;
}

/** Runs actions/<name> in `workspace` as the runner does, with the containers storage of the test run. */
export function runStep(
  name: string,
  inputs: Record<string, string>,
  workspace: string,
  env: NodeJS.ProcessEnv = {},
): ActionRun {
  const dir = path.join(ACTIONS_DIR, name);
  // The test runner does not expand `${{ github.token }}` defaults: actions taking a token get the fake one.
  const token: Record<string, string> = readAction(dir).inputs?.token ? { token: TOKEN } : {};
  return runAction(dir, { ...token, ...inputs }, { workspace, env: { ...buildEnv(), ...env } });
}

/** A pull_request event payload, as GITHUB_EVENT_PATH points at it. */
export function pullRequestEvent(number: number): NodeJS.ProcessEnv {
  const file = path.join(mkdtempSync(path.join(scratchRoot(), 'event-')), 'event.json');
  writeFileSync(file, JSON.stringify({ action: 'opened', number, pull_request: { number } }));
  return { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: file };
}

/** The JSON value of a step output. */
export function jsonOutput<T>(run: ActionRun, name: string): T {
  const text = run.outputs[name];
  if (text === undefined) throw new Error(`no output "${name}"; outputs: ${Object.keys(run.outputs).join(', ')}`);
  return JSON.parse(text) as T;
}
