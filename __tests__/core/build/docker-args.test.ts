import {
  digestFromPushOutput,
  dockerBuildxBuildArgs,
  dockerLegacyBuildArgs,
} from '../../../src/core/build/docker-args';
import type { BuildRequest } from '../../../src/core/build/types';
import { describeCommand } from '../../../src/core/shared/exec';

const base: BuildRequest = {
  contextDir: '/ctx',
  dockerfile: '/gen/Dockerfile',
  platform: 'linux/amd64',
  pushRef: '127.0.0.1:5050/app:1-linux-amd64',
  labels: {},
  buildArgs: {},
  cache: { type: 'none' },
  noCache: false,
  insecureRegistries: ['127.0.0.1:5050'],
};
const req = (overrides: Partial<BuildRequest>): BuildRequest => ({ ...base, ...overrides });
const common = ['--platform', 'linux/amd64', '-f', '/gen/Dockerfile', '--progress', 'plain'];
const registryCache = { type: 'registry' as const, ref: '127.0.0.1:5050/cache/app', scope: 'app-1-linux-amd64' };

describe('dockerLegacyBuildArgs (DOCKER_BUILDKIT=1 docker build)', () => {
  it.each<[string, BuildRequest, { network?: string }, string[]]>([
    ['minimal', base, {}, ['build', ...common, '-t', base.pushRef, '/ctx']],
    [
      'host network, labels, build args, epoch, pull, no-cache',
      req({
        labels: { b: '2', a: '1' },
        buildArgs: { V: '3' },
        sourceDateEpoch: 42,
        pull: 'always',
        noCache: true,
      }),
      { network: 'host' },
      [
        'build',
        ...common,
        '--network',
        'host',
        '--build-arg',
        'SOURCE_DATE_EPOCH=42',
        '--label',
        'a=1',
        '--label',
        'b=2',
        '--build-arg',
        'V=3',
        '--pull',
        '--no-cache',
        '-t',
        base.pushRef,
        '/ctx',
      ],
    ],
    [
      'registry cache → inline cache, imported from the previous push and the cache tag',
      req({ cache: registryCache }),
      {},
      [
        'build',
        ...common,
        '--build-arg',
        'BUILDKIT_INLINE_CACHE=1',
        '--cache-from',
        base.pushRef,
        '--cache-from',
        '127.0.0.1:5050/cache/app:app-1-linux-amd64',
        '-t',
        base.pushRef,
        '/ctx',
      ],
    ],
    [
      'registry cache with no-cache: inline metadata still written, nothing imported',
      req({ cache: registryCache, noCache: true }),
      {},
      ['build', ...common, '--no-cache', '--build-arg', 'BUILDKIT_INLINE_CACHE=1', '-t', base.pushRef, '/ctx'],
    ],
  ])('%s', (_name, request, options, expected) => {
    const result = dockerLegacyBuildArgs(request, options);
    expect(result.args).toEqual(expected);
    expect(result.env).toEqual({ DOCKER_BUILDKIT: '1' });
  });

  it('warns that the registry cache degrades to an inline cache', () => {
    expect(dockerLegacyBuildArgs(req({ cache: registryCache }), {}).warnings).toEqual([
      expect.stringMatching(/cannot be exported to 127\.0\.0\.1:5050\/cache\/app:app-1-linux-amd64: using an inline cache/),
    ]);
    expect(dockerLegacyBuildArgs(base, {}).warnings).toEqual([]);
  });
});

describe('dockerBuildxBuildArgs (docker buildx build)', () => {
  const buildx = (request: BuildRequest, output: 'push' | 'archive' = 'push') =>
    dockerBuildxBuildArgs(request, { metadataFile: '/tmp/meta.json', output, network: undefined });
  const tail = ['--metadata-file', '/tmp/meta.json'];

  it.each<[string, BuildRequest, 'push' | 'archive', string[], Record<string, string>]>([
    [
      'push to an insecure registry, reproducible',
      req({ sourceDateEpoch: 1767225600 }),
      'push',
      [
        'buildx',
        'build',
        ...common,
        '--build-arg',
        'SOURCE_DATE_EPOCH=1767225600',
        '--provenance=false',
        '--sbom=false',
        '--output',
        `type=image,name=${base.pushRef},push=true,registry.insecure=true,rewrite-timestamp=true`,
        ...tail,
        '/ctx',
      ],
      {},
    ],
    [
      'push to a secure registry with a registry cache',
      req({ pushRef: 'ghcr.io/o/app:1-linux-amd64', cache: { ...registryCache, ref: 'ghcr.io/o/cache' } }),
      'push',
      [
        'buildx',
        'build',
        ...common,
        '--provenance=false',
        '--sbom=false',
        '--output',
        'type=image,name=ghcr.io/o/app:1-linux-amd64,push=true',
        ...tail,
        '--cache-from',
        'type=registry,ref=ghcr.io/o/cache:app-1-linux-amd64',
        '--cache-to',
        'type=registry,ref=ghcr.io/o/cache:app-1-linux-amd64,mode=max',
        '/ctx',
      ],
      {},
    ],
    [
      's3 cache: keys through the environment only',
      req({
        cache: {
          type: 's3',
          endpoint: 'http://minio:9000',
          bucket: 'cache',
          region: 'us-east-1',
          accessKeyId: 'AKIAKEY',
          secretAccessKey: 'topsecret',
          usePathStyle: true,
          scope: 'app-1-linux-amd64',
        },
      }),
      'push',
      [
        'buildx',
        'build',
        ...common,
        '--provenance=false',
        '--sbom=false',
        '--output',
        `type=image,name=${base.pushRef},push=true,registry.insecure=true`,
        ...tail,
        '--cache-from',
        'type=s3,region=us-east-1,bucket=cache,name=app-1-linux-amd64,endpoint_url=http://minio:9000,use_path_style=true',
        '--cache-to',
        'type=s3,region=us-east-1,bucket=cache,name=app-1-linux-amd64,endpoint_url=http://minio:9000,use_path_style=true,mode=max',
        '/ctx',
      ],
      { AWS_ACCESS_KEY_ID: 'AKIAKEY', AWS_SECRET_ACCESS_KEY: 'topsecret' },
    ],
    [
      'gha cache: token through the environment, export errors tolerated',
      req({ cache: { type: 'gha', token: 'ghs_token', scope: 'app-1-linux-amd64' } }),
      'push',
      [
        'buildx',
        'build',
        ...common,
        '--provenance=false',
        '--sbom=false',
        '--output',
        `type=image,name=${base.pushRef},push=true,registry.insecure=true`,
        ...tail,
        '--cache-from',
        'type=gha,scope=app-1-linux-amd64',
        '--cache-to',
        'type=gha,scope=app-1-linux-amd64,mode=max,ignore-error=true',
        '/ctx',
      ],
      { ACTIONS_RUNTIME_TOKEN: 'ghs_token' },
    ],
    [
      'archive export: docker tarball, cache imported but not exported',
      req({ archivePath: '/out/image.tar', cache: registryCache }),
      'archive',
      [
        'buildx',
        'build',
        ...common,
        '--provenance=false',
        '--sbom=false',
        '--output',
        `type=docker,name=${base.pushRef},dest=/out/image.tar`,
        ...tail,
        '--cache-from',
        'type=registry,ref=127.0.0.1:5050/cache/app:app-1-linux-amd64',
        '/ctx',
      ],
      {},
    ],
  ])('%s', (_name, request, output, expectedArgs, expectedEnv) => {
    const result = buildx(request, output);
    expect(result.args).toEqual(expectedArgs);
    expect(result.env).toEqual(expectedEnv);
    for (const secret of Object.values(expectedEnv)) expect(describeCommand('docker', result.args)).not.toContain(secret);
  });
});

describe('digestFromPushOutput', () => {
  it.each<[string, string | undefined]>([
    [
      'The push refers to repository [127.0.0.1:5050/app]\nf0985d529ac2: Layer already exists\n1-linux-amd64: digest: sha256:a2a5024455d431a5c1b169e3da7d11269cbdad235321c57a04dc3a05d2067bde size: 942\n',
      'sha256:a2a5024455d431a5c1b169e3da7d11269cbdad235321c57a04dc3a05d2067bde',
    ],
    ['no digest line', undefined],
  ])('%#', (output, expected) => {
    expect(digestFromPushOutput(output)).toBe(expected);
  });
});
