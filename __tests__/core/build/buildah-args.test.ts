import {
  buildahArchiveArgs,
  buildahBudArgs,
  buildahCacheArgs,
  buildahPullArgs,
  buildahPushArgs,
  type BudArgsInput,
} from '../../../src/core/build/buildah-args';
import type { BuildRequest } from '../../../src/core/build/types';
import { UsageError } from '../../../src/core/shared/errors';

const base: BuildRequest = {
  contextDir: '/ctx',
  dockerfile: '/ctx/Dockerfile',
  platform: 'linux/arm64',
  pushRef: '127.0.0.1:5050/python:3.13.7-linux-arm64',
  labels: {},
  buildArgs: {},
  cache: { type: 'none' },
  noCache: false,
  insecureRegistries: ['127.0.0.1:5050'],
};
const head = ['bud', '--isolation', 'chroot', '--platform', 'linux/arm64', '--layers', '--force-rm', '--format', 'oci'];
const target = ['-f', '/ctx/Dockerfile', '-t', 'local/x:1'];

describe('buildahBudArgs', () => {
  const input = (request: Partial<BuildRequest>, extra: Partial<BudArgsInput> = {}): BudArgsInput => ({
    request: { ...base, ...request },
    localName: 'local/x:1',
    isolation: 'chroot',
    tlsVerify: true,
    ...extra,
  });

  it.each<[string, BudArgsInput, string[]]>([
    ['minimal', input({}), [...head, ...target, '/ctx']],
    [
      'reproducible timestamp, sorted labels and build args',
      input({
        sourceDateEpoch: 1767225600,
        labels: { 'z.last': 'z', 'a.first': 'value with spaces' },
        buildArgs: { VERSION: '3.13.7', ARCH: 'arm64' },
      }),
      [
        ...head,
        ...target,
        '--timestamp',
        '1767225600',
        '--build-arg',
        'SOURCE_DATE_EPOCH=1767225600',
        '--label',
        'a.first=value with spaces',
        '--label',
        'z.last=z',
        '--build-arg',
        'ARCH=arm64',
        '--build-arg',
        'VERSION=3.13.7',
        '/ctx',
      ],
    ],
    ['pull always', input({ pull: 'always' }), [...head, ...target, '--pull=always', '/ctx']],
    ['pull policy overridden by the TLS plan', input({ pull: 'always' }, { pull: 'missing' }), [...head, ...target, '--pull=missing', '/ctx']],
    [
      'registry cache: import and export',
      input({ cache: { type: 'registry', ref: '127.0.0.1:5050/cache/python', scope: 'python-3.13.7-linux-arm64' } }),
      [...head, ...target, '--cache-from', '127.0.0.1:5050/cache/python', '--cache-to', '127.0.0.1:5050/cache/python', '/ctx'],
    ],
    [
      'no-cache still refreshes the registry cache',
      input({ noCache: true, cache: { type: 'registry', ref: 'ghcr.io/o/cache', scope: 's' } }),
      [...head, ...target, '--no-cache', '--cache-to', 'ghcr.io/o/cache', '/ctx'],
    ],
    ['insecure registries only', input({}, { tlsVerify: false }), [...head, ...target, '--tls-verify=false', '/ctx']],
    [
      'oci isolation',
      input({}, { isolation: 'oci' }),
      ['bud', '--isolation', 'oci', ...head.slice(3), ...target, '/ctx'],
    ],
  ])('%s', (_name, args, expected) => {
    expect(buildahBudArgs(args)).toEqual(expected);
  });
});

describe('buildahCacheArgs', () => {
  it.each<[string, Parameters<typeof buildahCacheArgs>[0], boolean, string[]]>([
    ['none', { type: 'none' }, false, []],
    ['registry without registry host → Docker Hub', { type: 'registry', ref: 'acme/cache', scope: 's' }, false, [
      '--cache-from',
      'docker.io/acme/cache',
      '--cache-to',
      'docker.io/acme/cache',
    ]],
    ['s3 is not buildah’s (rejected earlier)', { type: 's3', bucket: 'b', region: 'r', usePathStyle: false, scope: 's' }, false, []],
  ])('%s', (_name, cache, noCache, expected) => {
    expect(buildahCacheArgs(cache, noCache)).toEqual(expected);
  });

  it('rejects a cache ref with a tag', () => {
    expect(() => buildahCacheArgs({ type: 'registry', ref: '127.0.0.1:5050/cache:latest', scope: 's' }, false)).toThrow(
      UsageError,
    );
  });
});

describe('buildah pull/push/archive arguments', () => {
  it.each<[string, string[], string[]]>([
    [
      'pull over TLS',
      buildahPullArgs('docker.io/library/debian:bookworm', 'linux/arm64', true, 'always'),
      ['pull', '--platform', 'linux/arm64', '--policy', 'always', '--quiet', 'docker.io/library/debian:bookworm'],
    ],
    [
      'pull from an insecure registry',
      buildahPullArgs('127.0.0.1:5050/base:1', 'linux/amd64', false, 'missing'),
      ['pull', '--platform', 'linux/amd64', '--policy', 'missing', '--quiet', '--tls-verify=false', '127.0.0.1:5050/base:1'],
    ],
    [
      'push to a secure registry',
      buildahPushArgs('local/x:1', 'ghcr.io/o/x:1', '/tmp/d', true),
      ['push', '--digestfile', '/tmp/d', 'local/x:1', 'docker://ghcr.io/o/x:1'],
    ],
    [
      'push to an insecure registry',
      buildahPushArgs('local/x:1', '127.0.0.1:5050/x:1', '/tmp/d', false),
      ['push', '--digestfile', '/tmp/d', '--tls-verify=false', 'local/x:1', 'docker://127.0.0.1:5050/x:1'],
    ],
    [
      'docker-archive named after the pushed ref',
      buildahArchiveArgs('local/x:1', '/out/image.tar', '127.0.0.1:5050/x:1'),
      ['push', '--quiet', 'local/x:1', 'docker-archive:/out/image.tar:127.0.0.1:5050/x:1'],
    ],
  ])('%s', (_name, actual, expected) => {
    expect(actual).toEqual(expected);
  });
});
