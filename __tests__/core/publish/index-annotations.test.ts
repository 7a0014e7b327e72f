import { execFileSync } from 'node:child_process';
import { indexAnnotations, readIndexMetadata } from '../../../src/core/publish/index-annotations';
import { UsageError } from '../../../src/core/shared/errors';
import { execProcess } from '../../../src/core/shared/exec';
import { makeProject } from '../../support/project-fixture';

describe('indexAnnotations', () => {
  it.each([
    ['tag only', '1.2.3', {}, { 'org.opencontainers.image.ref.name': '1.2.3' }],
    [
      'all metadata',
      '3.13.7-slim',
      { revision: 'f'.repeat(40), source: 'https://gitlab.example/g/p', createdEpoch: 0 },
      {
        'org.opencontainers.image.ref.name': '3.13.7-slim',
        'org.opencontainers.image.created': '1970-01-01T00:00:00Z',
        'org.opencontainers.image.revision': 'f'.repeat(40),
        'org.opencontainers.image.source': 'https://gitlab.example/g/p',
      },
    ],
    [
      'created only',
      '1',
      { createdEpoch: 1767225600 },
      { 'org.opencontainers.image.ref.name': '1', 'org.opencontainers.image.created': '2026-01-01T00:00:00Z' },
    ],
  ])('%s', (_name, tag, metadata, expected) => {
    expect(indexAnnotations(tag, metadata)).toEqual(expected);
  });
});

describe('readIndexMetadata', () => {
  const git = (cwd: string, ...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', ...args], { cwd, encoding: 'utf8' });

  it('reads HEAD and a credential-free origin URL from git, and SOURCE_DATE_EPOCH only when set', async () => {
    const root = makeProject({ 'README.md': 'x\n' });
    git(root, 'init', '-q');
    git(root, 'add', '.');
    git(root, 'commit', '-q', '-m', 'init');
    git(root, 'remote', 'add', 'origin', 'https://ci-token:s3cr3t@gitlab.example/group/images.git');
    const head = git(root, 'rev-parse', 'HEAD').trim();

    expect(await readIndexMetadata({}, execProcess, root)).toEqual({
      revision: head,
      source: 'https://gitlab.example/group/images',
    });
    expect(await readIndexMetadata({ SOURCE_DATE_EPOCH: '1767225600' }, execProcess, root)).toEqual({
      revision: head,
      source: 'https://gitlab.example/group/images',
      createdEpoch: 1767225600,
    });
  });

  it('gives nothing outside git, and refuses a malformed SOURCE_DATE_EPOCH', async () => {
    const root = makeProject({ 'README.md': 'x\n' });
    expect(await readIndexMetadata({}, execProcess, root)).toEqual({});
    await expect(readIndexMetadata({ SOURCE_DATE_EPOCH: 'yesterday' }, execProcess, root)).rejects.toThrow(UsageError);
  });
});
