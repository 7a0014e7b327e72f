import {
  assertCacheSupported,
  cacheRepository,
  cacheScope,
  type CacheSettings,
} from '../../../src/core/build/cache-settings';
import { UsageError } from '../../../src/core/shared/errors';

describe('cacheScope', () => {
  it.each<[string, string, string, string]>([
    ['python', '3.13.7', 'linux/arm64', 'python-3.13.7-linux-arm64'],
    ['python', '3.13.7-slim', 'linux/amd64', 'python-3.13.7-slim-linux-amd64'],
    ['tools/node', '22', 'linux/arm/v7', 'tools-node-22-linux-arm-v7'],
    ['app', '1.0+build.5', 'linux/amd64', 'app-1.0_build.5-linux-amd64'],
    ['.hidden', 'x', 'linux/amd64', 'hidden-x-linux-amd64'],
  ])('%s %s %s → %s', (image, tag, platform, expected) => {
    expect(cacheScope(image, tag, platform)).toBe(expected);
  });

  it('gives every tag of an image its own scope (PoC B30 shared one per image)', () => {
    expect(cacheScope('python', '3.12.9', 'linux/amd64')).not.toBe(cacheScope('python', '3.13.7', 'linux/amd64'));
  });

  it('keeps overlong scopes valid as registry tags and distinct', () => {
    const a = cacheScope('x'.repeat(100), 'a'.repeat(60), 'linux/amd64');
    const b = cacheScope('x'.repeat(100), 'b'.repeat(60), 'linux/amd64');
    expect(a).toMatch(/^[\w][\w.-]{0,127}$/);
    expect(a).not.toBe(b);
  });
});

describe('cacheRepository', () => {
  it.each([
    ['127.0.0.1:5050/cache/python', '127.0.0.1:5050/cache/python'],
    ['acme/cache', 'docker.io/acme/cache'],
    ['ghcr.io/Owner/cache'.toLowerCase(), 'ghcr.io/owner/cache'],
  ])('%s → %s', (ref, expected) => {
    expect(cacheRepository(ref)).toBe(expected);
  });

  it.each(['127.0.0.1:5050/cache:latest', 'ghcr.io/o/cache@sha256:' + 'a'.repeat(64)])('rejects %s', (ref) => {
    expect(() => cacheRepository(ref)).toThrow(UsageError);
    expect(() => cacheRepository(ref)).toThrow(/must be a repository without tag or digest/);
  });
});

describe('assertCacheSupported', () => {
  const buildah = { kind: 'buildah' as const, supportedCacheTypes: ['none', 'registry'] as const };
  it.each<[CacheSettings, boolean]>([
    [{ type: 'none' }, true],
    [{ type: 'registry', ref: 'r/c', scope: 's' }, true],
    [{ type: 's3', bucket: 'b', region: 'r', usePathStyle: false, scope: 's' }, false],
    [{ type: 'gha', scope: 's' }, false],
  ])('buildah with %j → supported: %s', (cache, supported) => {
    const check = () => assertCacheSupported(buildah, cache);
    if (supported) expect(check).not.toThrow();
    else expect(check).toThrow(/not supported by the buildah builder \(it supports "registry"\).*BuildKit/);
  });
});
