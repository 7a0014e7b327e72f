/**
 * Checks an S3 cache before a long build: the bucket must be reachable and writable (a small probe object is put,
 * then deleted). A wrong endpoint, bucket or key otherwise surfaces only at the very end of a build, as a cache
 * export failure. The error names the endpoint and bucket, never a key.
 */
import { randomBytes } from 'node:crypto';
import { DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { OperationError } from '../shared/errors';
import { redact } from '../shared/redact';
import type { S3Cache } from './cache-settings';

export interface S3CacheCheckOptions {
  /** Per request; the check fails fast rather than retrying for minutes. Default 10 s. */
  timeoutMs?: number;
  /** Environment for the default credential chain when the settings carry no keys. Default: process.env. */
  env?: NodeJS.ProcessEnv;
}

/** Resolves when a probe object could be written to and deleted from the bucket; throws an OperationError if not. */
export async function checkS3Cache(
  settings: Omit<S3Cache, 'scope'> & { scope?: string },
  options: S3CacheCheckOptions = {},
): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 10000;
  const credentials = explicitCredentials(settings, options.env ?? process.env);
  const client = new S3Client({
    region: settings.region,
    endpoint: settings.endpoint,
    forcePathStyle: settings.usePathStyle,
    credentials,
    maxAttempts: 1,
    // S3-compatible servers (MinIO, Garage, R2 …) do not all accept the SDK's newer default checksum headers.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    requestHandler: { connectionTimeout: timeoutMs, requestTimeout: timeoutMs, throwOnRequestTimeout: true },
  });
  const key = `image-manager-probe/${randomBytes(8).toString('hex')}`;
  let step = 'write a probe object to';
  try {
    await client.send(new PutObjectCommand({ Bucket: settings.bucket, Key: key, Body: 'image-manager cache probe\n' }));
    step = 'delete the probe object from';
    await client.send(new DeleteObjectCommand({ Bucket: settings.bucket, Key: key }));
  } catch (error) {
    const secrets = [settings.secretAccessKey, settings.accessKeyId, credentials?.secretAccessKey];
    throw new OperationError(
      `S3 cache check failed: could not ${step} bucket "${settings.bucket}" at ${describeEndpoint(settings)}: ` +
        `${mask(describeS3Error(error), secrets)}. ${hintFor(error)}`,
      { cause: error },
    );
  } finally {
    client.destroy();
  }
}

/** Explicit keys from the settings, else AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY of `env`, else the SDK's chain. */
function explicitCredentials(settings: Pick<S3Cache, 'accessKeyId' | 'secretAccessKey'>, env: NodeJS.ProcessEnv) {
  const accessKeyId = settings.accessKeyId ?? env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = settings.secretAccessKey ?? env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) return undefined;
  const sessionToken = settings.accessKeyId === undefined ? env.AWS_SESSION_TOKEN : undefined;
  return sessionToken ? { accessKeyId, secretAccessKey, sessionToken } : { accessKeyId, secretAccessKey };
}

function describeEndpoint(settings: Pick<S3Cache, 'endpoint' | 'region'>): string {
  return settings.endpoint ? `endpoint ${redact(settings.endpoint)}` : `AWS S3 (region ${settings.region})`;
}

function describeS3Error(error: unknown): string {
  const e = error as { name?: string; message?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  const status = e.$metadata?.httpStatusCode ? `HTTP ${e.$metadata.httpStatusCode} ` : '';
  const name = e.code ?? e.name ?? 'Error';
  const text = e.message?.trim().replace(/\.+$/, '');
  const message = text && text !== name && text !== 'UnknownError' ? `: ${text}` : '';
  return `${status}${name}${message}`;
}

function hintFor(error: unknown): string {
  const e = error as { name?: string; code?: string };
  const name = `${e.code ?? ''} ${e.name ?? ''}`;
  if (/NoSuchBucket/.test(name)) return 'Create the bucket, or fix cache.bucket.';
  if (/InvalidAccessKeyId|SignatureDoesNotMatch|AccessDenied|Forbidden|CredentialsProviderError/.test(name)) {
    return 'Check the credentials (cache.access_key/secret_key, or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY) and that they may write to the bucket.';
  }
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|TimeoutError|ECONNRESET/.test(`${name} ${String(error)}`)) {
    return 'Check cache.endpoint and that the S3 service is running and reachable from here.';
  }
  return 'Check cache.endpoint, cache.bucket, cache.region, cache.use_path_style and the credentials.';
}

function mask(text: string, secrets: Array<string | undefined>): string {
  let out = text;
  for (const secret of secrets) if (secret && secret.length >= 3) out = out.split(secret).join('***');
  return redact(out);
}
