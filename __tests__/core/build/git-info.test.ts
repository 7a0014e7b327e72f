import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { publicSourceUrl, readGitMetadata, resolveSourceDateEpoch } from '../../../src/core/build/git-info';
import { UsageError } from '../../../src/core/shared/errors';
import { execProcess } from '../../../src/core/shared/exec';
import { requireTool } from '../../support/containers-env';

describe('publicSourceUrl', () => {
  it.each<[string, string | undefined]>([
    ['git@github.com:acme/images.git', 'https://github.com/acme/images'],
    ['git@github.com:acme/images', 'https://github.com/acme/images'],
    ['github.com:acme/images.git', 'https://github.com/acme/images'],
    ['git@127.0.0.1:g/p.git', 'https://127.0.0.1/g/p'],
    ['ssh://git@gitlab.example.com:2222/group/sub/project.git', 'https://gitlab.example.com/group/sub/project'],
    ['ssh://gitlab.example.com/group/project', 'https://gitlab.example.com/group/project'],
    ['git://git.example.org/repo.git', 'https://git.example.org/repo'],
    ['https://github.com/acme/images.git', 'https://github.com/acme/images'],
    ['https://github.com/acme/images/', 'https://github.com/acme/images'],
    ['https://gitlab-ci-token:glcbt-64_secret@gitlab.example.com/group/project.git', 'https://gitlab.example.com/group/project'],
    ['https://x-access-token:ghs_abc@github.com/acme/images', 'https://github.com/acme/images'],
    ['http://user@git.internal:8080/repo.git', 'http://git.internal:8080/repo'],
    ['/srv/git/images.git', undefined],
    ['../images', undefined],
    ['file:///srv/git/images.git', undefined],
    ['https://github.com', undefined],
    ['', undefined],
  ])('%s → %s', (remote, expected) => {
    expect(publicSourceUrl(remote)).toBe(expected);
  });
});

describe('git metadata from a real repository', () => {
  let repo: string;
  const commitTime = 1767225600;

  beforeAll(() => {
    requireTool('git', 'apt-get install git');
    repo = mkdtempSync(path.join(tmpdir(), 'im-git-'));
    const git = (...args: string[]) =>
      execFileSync('git', args, {
        cwd: repo,
        env: {
          ...process.env,
          GIT_AUTHOR_NAME: 't',
          GIT_AUTHOR_EMAIL: 't@example.com',
          GIT_COMMITTER_NAME: 't',
          GIT_COMMITTER_EMAIL: 't@example.com',
          GIT_AUTHOR_DATE: `@${commitTime - 100} +0000`,
          GIT_COMMITTER_DATE: `@${commitTime} +0000`,
        },
        encoding: 'utf8',
      });
    git('init', '-q');
    writeFileSync(path.join(repo, 'a.txt'), 'a\n');
    git('add', 'a.txt');
    git('commit', '-q', '-m', 'first');
    git('remote', 'add', 'origin', 'https://gitlab-ci-token:secret-token@gitlab.example.com/group/images.git');
  });
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  it('reads the commit, its committer time and a credential-free source URL', async () => {
    const metadata = await readGitMetadata(execProcess, repo);
    expect(metadata.revision).toMatch(/^[0-9a-f]{40}$/);
    expect(metadata.commitTime).toBe(commitTime);
    expect(metadata.sourceUrl).toBe('https://gitlab.example.com/group/images');
  });

  it('returns nothing outside a git checkout', async () => {
    const plain = mkdtempSync(path.join(tmpdir(), 'im-nogit-'));
    try {
      expect(await readGitMetadata(execProcess, plain)).toEqual({});
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
  });

  it.each<[string, NodeJS.ProcessEnv, { epoch: number; origin: string } | undefined]>([
    ['SOURCE_DATE_EPOCH wins', { SOURCE_DATE_EPOCH: '1700000000' }, { epoch: 1700000000, origin: 'SOURCE_DATE_EPOCH' }],
    ['else the commit time', {}, { epoch: commitTime, origin: 'git commit time' }],
  ])('resolveSourceDateEpoch: %s', async (_name, env, expected) => {
    expect(await resolveSourceDateEpoch(env, execProcess, repo)).toEqual(expected);
  });

  it('resolveSourceDateEpoch: undefined without either, never the wall clock', async () => {
    const plain = mkdtempSync(path.join(tmpdir(), 'im-nogit-'));
    try {
      expect(await resolveSourceDateEpoch({}, execProcess, plain)).toBeUndefined();
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
  });

  it('resolveSourceDateEpoch: rejects a malformed SOURCE_DATE_EPOCH', async () => {
    await expect(resolveSourceDateEpoch({ SOURCE_DATE_EPOCH: '2026-01-01' }, execProcess, repo)).rejects.toThrow(UsageError);
  });
});
