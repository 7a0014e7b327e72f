/**
 * A GitLab project on disk for gitlab-ci-local: a git repository with one commit whose origin is the component
 * project `gitlab.example.com/image-manager/image-manager`, so `include: component:` of this repository's templates
 * resolves locally (gitlab-ci-local reads `templates/<name>.yml` when the component's project is the repository's
 * own and its version is the checked-out commit), exactly where a GitLab mirror keeps them.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { writeFiles } from '../../support/project-fixture';
import { testStateDir } from '../../support/shared-services';

export const REPO_ROOT = path.join(__dirname, '..', '..', '..');
export const TEMPLATES_DIR = path.join(REPO_ROOT, 'gitlab-ci-templates');
export const COMPONENT_PROJECT = 'image-manager/image-manager';
export const COMPONENT_HOST = 'gitlab.example.com';

export interface GitlabProject {
  root: string;
  /** The commit, which is also the version local component includes must name. */
  sha: string;
}

/**
 * Writes `files` and the templates (as `templates/`), lets `beforeCommit` add generated files, commits them on
 * `main`, and checks out `branch`. The pipeline itself is written afterwards with `writePipeline`: it names the
 * commit in its component includes.
 */
export function makeGitlabProject(
  files: Record<string, string>,
  options: { branch?: string; beforeCommit?: (root: string) => void } = {},
): GitlabProject {
  const dir = path.join(testStateDir(), 'gitlab');
  mkdirSync(dir, { recursive: true });
  const root = mkdtempSync(path.join(dir, 'project-'));
  writeFiles(root, files);
  cpSync(TEMPLATES_DIR, path.join(root, 'templates'), { recursive: true });
  const git = (...args: string[]): string =>
    execFileSync('git', args, { cwd: root, stdio: 'pipe', encoding: 'utf8' }).trim();
  git('init', '-q', '-b', 'main');
  writeFileSync(path.join(root, '.gitignore'), '.gitlab-ci-local/\n');
  options.beforeCommit?.(root);
  git('add', '.');
  git('-c', 'user.email=ci@example.com', '-c', 'user.name=ci', 'commit', '-qm', 'catalog');
  // gitlab-ci-local takes the project path from origin and the default branch from origin/HEAD.
  git('remote', 'add', 'origin', `git@${COMPONENT_HOST}:${COMPONENT_PROJECT}.git`);
  git('update-ref', 'refs/remotes/origin/main', 'HEAD');
  git('symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/main');
  if (options.branch && options.branch !== 'main') git('checkout', '-q', '-b', options.branch);
  return { root, sha: git('rev-parse', 'HEAD') };
}

/**
 * Writes `.gitlab-ci.yml`, turning the published component address (`$CI_SERVER_FQDN/image-manager/image-manager/
 * <name>@<version>`) into this commit, the only version gitlab-ci-local resolves without a GitLab server.
 */
export function writePipeline(project: GitlabProject, text: string): string {
  const local = text.replace(
    /\$CI_SERVER_FQDN\/image-manager\/image-manager\/([a-z-]+)@[\w.~-]+/g,
    `${COMPONENT_HOST}/${COMPONENT_PROJECT}/$1@${project.sha}`,
  );
  writeFileSync(path.join(project.root, '.gitlab-ci.yml'), local);
  return local;
}
