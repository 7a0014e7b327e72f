import { buildkitCacheFlags, csvJoin, registryCacheRef } from '../../../src/core/build/buildkit-cache';
import type { CacheSettings } from '../../../src/core/build/cache-settings';

describe('buildkitCacheFlags', () => {
  const options = { noCache: false, insecureRegistries: ['127.0.0.1:5050'], s3Credentials: 'environment' as const };

  it.each<[string, CacheSettings, string[], string[]]>([
    ['none', { type: 'none' }, [], []],
    [
      'registry on an insecure host',
      { type: 'registry', ref: '127.0.0.1:5050/cache', scope: 'a-1-linux-amd64' },
      ['type=registry,ref=127.0.0.1:5050/cache:a-1-linux-amd64'],
      ['type=registry,ref=127.0.0.1:5050/cache:a-1-linux-amd64,mode=max,registry.insecure=true'],
    ],
    [
      's3 on AWS (no endpoint, virtual-host style)',
      { type: 's3', bucket: 'b', region: 'eu-west-1', usePathStyle: false, scope: 's' },
      ['type=s3,region=eu-west-1,bucket=b,name=s'],
      ['type=s3,region=eu-west-1,bucket=b,name=s,mode=max'],
    ],
    [
      'gha',
      { type: 'gha', scope: 's' },
      ['type=gha,scope=s'],
      ['type=gha,scope=s,mode=max,ignore-error=true'],
    ],
  ])('%s', (_name, cache, imports, exports) => {
    const flags = buildkitCacheFlags(cache, options);
    expect(flags.imports).toEqual(imports);
    expect(flags.exports).toEqual(exports);
  });

  it('imports nothing for a no-cache build but still exports', () => {
    const flags = buildkitCacheFlags({ type: 'gha', scope: 's' }, { ...options, noCache: true });
    expect(flags.imports).toEqual([]);
    expect(flags.exports).toHaveLength(1);
  });

  it.each<['environment' | 'attributes', Record<string, string>, string[]]>([
    ['environment', { AWS_ACCESS_KEY_ID: 'AK', AWS_SECRET_ACCESS_KEY: 'SK-secret' }, []],
    ['attributes', {}, ['AK', 'SK-secret']],
  ])('S3 keys via %s', (s3Credentials, env, secrets) => {
    const flags = buildkitCacheFlags(
      { type: 's3', bucket: 'b', region: 'r', usePathStyle: true, accessKeyId: 'AK', secretAccessKey: 'SK-secret', scope: 's' },
      { ...options, s3Credentials },
    );
    expect(flags.env).toEqual(env);
    expect(flags.secrets).toEqual(secrets);
    expect(flags.exports.join(' ').includes('SK-secret')).toBe(s3Credentials === 'attributes');
  });
});

describe('csvJoin', () => {
  it.each<[Array<[string, string]>, string]>([
    [[['type', 'registry'], ['ref', 'r:t']], 'type=registry,ref=r:t'],
    [[['endpoint_url', 'http://h/a,b']], '"endpoint_url=http://h/a,b"'],
    [[['name', 'say "hi"']], '"name=say ""hi"""'],
  ])('%j → %s', (attrs, expected) => {
    expect(csvJoin(attrs)).toBe(expected);
  });
});

describe('registryCacheRef', () => {
  it('puts the scope in the tag', () => {
    expect(registryCacheRef({ type: 'registry', ref: 'ghcr.io/o/cache', scope: 'x-1-linux-arm64' })).toBe(
      'ghcr.io/o/cache:x-1-linux-arm64',
    );
  });
});
