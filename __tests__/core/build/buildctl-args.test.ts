import { buildctlBuildArgs } from '../../../src/core/build/buildctl-args';
import type { BuildRequest } from '../../../src/core/build/types';
import { describeCommand } from '../../../src/core/shared/exec';

const base: BuildRequest = {
  contextDir: '/work/dist/python/3.13.7',
  dockerfile: '/work/dist/python/3.13.7/Dockerfile',
  platform: 'linux/arm64',
  pushRef: '127.0.0.1:5050/python:3.13.7-mr-1-linux-arm64',
  labels: {},
  buildArgs: {},
  cache: { type: 'none' },
  noCache: false,
  insecureRegistries: ['127.0.0.1:5050'],
};
const req = (overrides: Partial<BuildRequest>): BuildRequest => ({ ...base, ...overrides });
const scope = 'python-3.13.7-linux-arm64';
const head = [
  '--addr',
  'tcp://buildkitd:1234',
  'build',
  '--progress',
  'plain',
  '--frontend',
  'dockerfile.v0',
  '--local',
  'context=/work/dist/python/3.13.7',
  '--local',
  'dockerfile=/work/dist/python/3.13.7',
  '--opt',
  'filename=Dockerfile',
  '--opt',
  'platform=linux/arm64',
];
const pushOutput = (extra = ',registry.insecure=true') => [
  '--output',
  `type=image,name=127.0.0.1:5050/python:3.13.7-mr-1-linux-arm64,push=true${extra}`,
  '--metadata-file',
  '/tmp/m.json',
];
const s3 = {
  type: 's3' as const,
  endpoint: 'http://garage:3900',
  bucket: 'buildcache',
  region: 'garage',
  usePathStyle: true,
  scope,
};

describe('buildctlBuildArgs', () => {
  it.each<[string, BuildRequest, string[], Record<string, string>]>([
    ['minimal push to an insecure registry', base, [...head, ...pushOutput()], {}],
    [
      'reproducible, with build args, labels, pull, no-cache',
      req({
        sourceDateEpoch: 1767225600,
        buildArgs: { PY: '3.13.7' },
        labels: { 'org.opencontainers.image.title': 'python', 'org.example.note': 'a, b = c' },
        pull: 'always',
        noCache: true,
      }),
      [
        ...head,
        '--opt',
        'build-arg:SOURCE_DATE_EPOCH=1767225600',
        '--opt',
        'build-arg:PY=3.13.7',
        '--opt',
        'label:org.example.note=a, b = c',
        '--opt',
        'label:org.opencontainers.image.title=python',
        '--opt',
        'image-resolve-mode=pull',
        '--no-cache',
        ...pushOutput(',registry.insecure=true,rewrite-timestamp=true'),
      ],
      {},
    ],
    [
      'secure registry: no registry.insecure',
      req({ pushRef: 'ghcr.io/acme/python:3.13.7-linux-arm64' }),
      [...head, '--output', 'type=image,name=ghcr.io/acme/python:3.13.7-linux-arm64,push=true', '--metadata-file', '/tmp/m.json'],
      {},
    ],
    [
      'registry cache on the insecure registry',
      req({ cache: { type: 'registry', ref: '127.0.0.1:5050/cache/python', scope } }),
      [
        ...head,
        ...pushOutput(),
        '--import-cache',
        `type=registry,ref=127.0.0.1:5050/cache/python:${scope}`,
        '--export-cache',
        `type=registry,ref=127.0.0.1:5050/cache/python:${scope},mode=max,registry.insecure=true`,
      ],
      {},
    ],
    [
      'registry cache with no-cache: export only',
      req({ noCache: true, cache: { type: 'registry', ref: 'ghcr.io/acme/cache', scope } }),
      [...head, '--no-cache', ...pushOutput(), '--export-cache', `type=registry,ref=ghcr.io/acme/cache:${scope},mode=max`],
      {},
    ],
    [
      's3 cache without keys: the daemon’s credential chain',
      req({ cache: s3 }),
      [
        ...head,
        ...pushOutput(),
        '--import-cache',
        `type=s3,region=garage,bucket=buildcache,name=${scope},endpoint_url=http://garage:3900,use_path_style=true`,
        '--export-cache',
        `type=s3,region=garage,bucket=buildcache,name=${scope},endpoint_url=http://garage:3900,use_path_style=true,mode=max`,
      ],
      {},
    ],
    [
      'gha cache: token for buildctl to forward, url as attribute',
      req({ cache: { type: 'gha', url: 'https://cache.example/', token: 'ghs_abc', scope } }),
      [
        ...head,
        ...pushOutput(),
        '--import-cache',
        `type=gha,scope=${scope},url=https://cache.example/`,
        '--export-cache',
        `type=gha,scope=${scope},url=https://cache.example/,mode=max,ignore-error=true`,
      ],
      { ACTIONS_RUNTIME_TOKEN: 'ghs_abc' },
    ],
  ])('%s', (_name, request, expectedArgs, expectedEnv) => {
    const result = buildctlBuildArgs(request, { address: 'tcp://buildkitd:1234', metadataFile: '/tmp/m.json', output: 'push' });
    expect(result.args).toEqual(expectedArgs);
    expect(result.env).toEqual(expectedEnv);
    expect(result.secrets).toEqual([]);
  });

  it('puts explicit S3 keys in attributes (buildctl cannot forward its env) and reports them as secrets', () => {
    const result = buildctlBuildArgs(req({ cache: { ...s3, accessKeyId: 'GKkeyid123', secretAccessKey: 'very-secret-key' } }), {
      address: 'tcp://buildkitd:1234',
      metadataFile: '/tmp/m.json',
      output: 'push',
    });
    expect(result.args).toContain(
      `type=s3,region=garage,bucket=buildcache,name=${scope},endpoint_url=http://garage:3900,use_path_style=true,access_key_id=GKkeyid123,secret_access_key=very-secret-key,mode=max`,
    );
    expect(result.secrets).toEqual(['GKkeyid123', 'very-secret-key']);
    const printed = describeCommand('buildctl', result.args);
    expect(printed).not.toContain('very-secret-key');
    expect(printed).not.toContain('GKkeyid123');
    expect(printed).toContain('secret_access_key=***');
  });

  it('exports a docker-archive without cache export, from a Dockerfile outside the context', () => {
    const result = buildctlBuildArgs(
      req({
        dockerfile: '/tmp/rewritten/Dockerfile.generated',
        archivePath: '/work/dist/python/3.13.7/linux-arm64/image.tar',
        cache: { type: 'registry', ref: '127.0.0.1:5050/cache/python', scope },
      }),
      { metadataFile: '/tmp/a.json', output: 'archive' },
    );
    expect(result.args).toEqual([
      'build',
      '--progress',
      'plain',
      '--frontend',
      'dockerfile.v0',
      '--local',
      'context=/work/dist/python/3.13.7',
      '--local',
      'dockerfile=/tmp/rewritten',
      '--opt',
      'filename=Dockerfile.generated',
      '--opt',
      'platform=linux/arm64',
      '--output',
      'type=docker,name=127.0.0.1:5050/python:3.13.7-mr-1-linux-arm64,dest=/work/dist/python/3.13.7/linux-arm64/image.tar',
      '--metadata-file',
      '/tmp/a.json',
      '--import-cache',
      `type=registry,ref=127.0.0.1:5050/cache/python:${scope}`,
    ]);
  });
});
