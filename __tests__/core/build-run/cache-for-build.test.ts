import { cacheSettingsFor, defaultCacheRepository } from '../../../src/core/build-run/cache-for-build';
import type { CacheConfig } from '../../../src/core/config/types';

const target = { registry: 'ghcr.io/acme', image: 'python', tag: '3.13.7-slim', platform: 'linux/arm64' };
const scope = 'python-3.13.7-slim-linux-arm64';
const gha = { ACTIONS_CACHE_URL: 'https://cache.example/', ACTIONS_RUNTIME_TOKEN: 'tok' };

describe('cacheSettingsFor', () => {
  it.each<[string, CacheConfig, NodeJS.ProcessEnv, unknown]>([
    ['none', { type: 'none' }, {}, { type: 'none' }],
    [
      'registry, default repository per image',
      { type: 'registry' },
      {},
      { type: 'registry', ref: 'ghcr.io/acme/cache/python', scope },
    ],
    [
      'registry, configured repository',
      { type: 'registry', ref: 'ghcr.io/acme/buildcache' },
      {},
      { type: 'registry', ref: 'ghcr.io/acme/buildcache', scope },
    ],
    [
      's3 with keys',
      {
        type: 's3',
        endpoint: 'http://minio:9000',
        bucket: 'b',
        region: 'eu-west-1',
        access_key: 'AK',
        secret_key: 'SK',
        use_path_style: true,
      },
      {},
      {
        type: 's3',
        endpoint: 'http://minio:9000',
        bucket: 'b',
        region: 'eu-west-1',
        accessKeyId: 'AK',
        secretAccessKey: 'SK',
        usePathStyle: true,
        scope,
      },
    ],
    [
      's3 with ambient credentials',
      { type: 's3', bucket: 'b', region: 'us-east-1', use_path_style: false },
      {},
      { type: 's3', bucket: 'b', region: 'us-east-1', usePathStyle: false, scope },
    ],
    ['gha inside a workflow', { type: 'gha' }, gha, { type: 'gha', url: gha.ACTIONS_CACHE_URL, token: 'tok', scope }],
    ['gha elsewhere: no cache', { type: 'gha' }, { ACTIONS_CACHE_URL: 'https://cache.example/' }, { type: 'none' }],
  ])('%s', (_name, config, env, expected) => {
    expect(cacheSettingsFor(config, target, env)).toEqual(expected);
  });

  it('gives every tag and platform of an image its own scope', () => {
    const scopes = ['3.13.7', '3.13.7-slim'].flatMap((tag) =>
      ['linux/amd64', 'linux/arm64'].map((platform) => {
        const settings = cacheSettingsFor({ type: 'registry' }, { ...target, tag, platform }, {});
        return settings.type === 'registry' ? settings.scope : '';
      }),
    );
    expect(new Set(scopes).size).toBe(4);
  });

  it('builds the default repository from a registry with a path and a trailing slash', () => {
    expect(defaultCacheRepository('127.0.0.1:5050/team/', 'lua')).toBe('127.0.0.1:5050/team/cache/lua');
  });
});
