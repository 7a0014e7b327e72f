import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { checkS3Cache } from '../../../src/core/build/s3-cache-check';
import { OperationError } from '../../../src/core/shared/errors';
import { freePort } from '../../support/test-registry';

/** s3rver ships no type declarations; this is the part of its API the test uses. */
interface S3rverInstance {
  run(): Promise<{ address: string; port: number }>;
  close(): Promise<void>;
}
type S3rverConstructor = new (options: Record<string, unknown>) => S3rverInstance;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require('s3rver') as S3rverConstructor;

// s3rver's one account (its documented defaults).
const KEY_ID = 'S3RVER';
const SECRET = 'S3RVER';

describe('checkS3Cache against a real S3 protocol server (s3rver)', () => {
  let server: S3rverInstance;
  let endpoint: string;
  let directory: string;

  beforeAll(async () => {
    directory = mkdtempSync(path.join(tmpdir(), 'im-s3rver-'));
    server = new S3rver({
      address: '127.0.0.1',
      port: 0,
      silent: true,
      directory,
      configureBuckets: [{ name: 'build-cache' }],
    });
    const { port } = await server.run();
    endpoint = `http://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    await server.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const settings = (overrides: Record<string, unknown> = {}) => ({
    type: 's3' as const,
    endpoint,
    bucket: 'build-cache',
    region: 'us-east-1',
    accessKeyId: KEY_ID,
    secretAccessKey: SECRET,
    usePathStyle: true,
    ...overrides,
  });

  it('passes for a writable bucket and leaves no probe object behind', async () => {
    await expect(checkS3Cache(settings())).resolves.toBeUndefined();
    const client = new S3Client({
      endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: KEY_ID, secretAccessKey: SECRET },
    });
    const listed = await client.send(new ListObjectsV2Command({ Bucket: 'build-cache' }));
    client.destroy();
    expect(listed.Contents ?? []).toEqual([]);
  });

  it('takes the keys from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY when the settings carry none', async () => {
    const withoutKeys = { ...settings(), accessKeyId: undefined, secretAccessKey: undefined };
    await expect(
      checkS3Cache(withoutKeys, { env: { AWS_ACCESS_KEY_ID: KEY_ID, AWS_SECRET_ACCESS_KEY: SECRET } }),
    ).resolves.toBeUndefined();
  });

  it('names endpoint and bucket when the bucket does not exist', async () => {
    const attempt = checkS3Cache(settings({ bucket: 'no-such-bucket' }));
    await expect(attempt).rejects.toThrow(OperationError);
    await expect(attempt).rejects.toThrow(
      new RegExp(`bucket "no-such-bucket" at endpoint ${endpoint.replace(/[.]/g, '\\.')}.*NoSuchBucket.*Create the bucket`),
    );
  });

  it('reports rejected credentials without ever printing the keys', async () => {
    const secret = 'wJalrXUtnFEMI-super-secret-value';
    const keyId = 'AKIAEXAMPLEKEYID0001';
    const error = await checkS3Cache(settings({ accessKeyId: keyId, secretAccessKey: secret })).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error).toBeInstanceOf(OperationError);
    expect(error?.message).toMatch(/bucket "build-cache" at endpoint .*InvalidAccessKeyId.*Check the credentials/);
    expect(error?.message).not.toContain(secret);
    expect(error?.message).not.toContain(keyId);
  });

  it('fails fast with an endpoint hint when nothing listens there', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const started = Date.now();
    const attempt = checkS3Cache(settings({ endpoint: closed }), { timeoutMs: 2000 });
    await expect(attempt).rejects.toThrow(new RegExp(`at endpoint ${closed.replace(/[.]/g, '\\.')}.*Check cache\\.endpoint`));
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
