import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { S3Cache } from '../../../src/core/build/cache-settings';
import { checkPlatformsRunnable, prepareCache } from '../../../src/core/build-run/preflight';
import type { CacheConfig } from '../../../src/core/config/types';
import { OperationError, UsageError } from '../../../src/core/shared/errors';
import { MemoryLogger } from '../../../src/core/shared/logger';

const buildah = { kind: 'buildah' as const, supportedCacheTypes: ['none', 'registry'] as const };
const buildctl = { kind: 'buildctl' as const, supportedCacheTypes: ['none', 'registry', 's3', 'gha'] as const };
const s3: CacheConfig = {
  type: 's3',
  bucket: 'cache',
  region: 'eu-west-1',
  endpoint: 'http://minio:9000',
  use_path_style: true,
};

function prepare(config: CacheConfig, builder: typeof buildah | typeof buildctl, env: NodeJS.ProcessEnv = {}) {
  const logger = new MemoryLogger();
  const checked: S3Cache[] = [];
  const result = prepareCache(config, {
    builder,
    env,
    logger,
    registry: '127.0.0.1:5050',
    checkS3: async (settings) => {
      checked.push(settings);
    },
  });
  return { result, logger, checked };
}

describe('cache preflight', () => {
  it('builds without a cache where a gha cache has no service, and says why', async () => {
    const { result, logger } = prepare({ type: 'gha' }, buildah);
    expect(await result).toEqual({ type: 'none' });
    expect(logger.messages('warn')[0]).toMatch(/cache type "gha" needs ACTIONS_CACHE_URL and ACTIONS_RUNTIME_TOKEN/);
  });

  it('keeps a gha cache inside a workflow with a builder that supports it', async () => {
    const env = { ACTIONS_CACHE_URL: 'https://c/', ACTIONS_RUNTIME_TOKEN: 't' };
    const { result, logger } = prepare({ type: 'gha' }, buildctl, env);
    expect(await result).toEqual({ type: 'gha' });
    expect(logger.messages('info')).toEqual(['cache: GitHub Actions cache']);
  });

  it('rejects a cache type the builder cannot use before checking anything', async () => {
    const { result, checked } = prepare(s3, buildah);
    await expect(result).rejects.toThrow(UsageError);
    await expect(result).rejects.toThrow(/cache type "s3" is not supported by the buildah builder/);
    expect(checked).toEqual([]);
  });

  it('checks an S3 bucket once, before the first build', async () => {
    const { result, checked, logger } = prepare(s3, buildctl);
    expect(await result).toEqual(s3);
    expect(checked).toHaveLength(1);
    expect(checked[0]).toMatchObject({ type: 's3', bucket: 'cache', endpoint: 'http://minio:9000' });
    expect(logger.messages('info')).toEqual(['cache: S3 bucket cache at http://minio:9000']);
  });

  it('names the default registry cache repository', async () => {
    const { result, logger } = prepare({ type: 'registry' }, buildah);
    expect(await result).toEqual({ type: 'registry' });
    expect(logger.messages('info')).toEqual(['cache: registry 127.0.0.1:5050/cache/<image>']);
  });
});

describe('platform preflight', () => {
  const noBinfmt = () => ({ binfmtDir: mkdtempSync(path.join(tmpdir(), 'no-binfmt-')), native: 'linux/amd64' });

  it('accepts the native platform without emulation', () => {
    expect(() => checkPlatformsRunnable(['linux/amd64'], noBinfmt())).not.toThrow();
  });

  it('names every platform that cannot run here, with the fix, in one error', () => {
    const attempt = () => checkPlatformsRunnable(['linux/amd64', 'linux/arm64', 'linux/s390x'], noBinfmt());
    expect(attempt).toThrow(OperationError);
    expect(attempt).toThrow(
      /cannot build linux\/arm64 on this linux\/amd64 machine[^\n]*qemu-user-static[^\n]*\ncannot build linux\/s390x/,
    );
  });
});
