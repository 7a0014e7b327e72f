/**
 * Shared helpers for the registry tests: an independent view of the registry through skopeo (so results are not
 * only checked with our own client), a clock that records waits instead of sleeping, and a fetch that counts.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import type { RepositoryRef } from '../../../src/core/registry/reference';
import type { Clock } from '../../../src/core/registry/retry';
import type { SeededBusybox } from '../../support/busybox-image';
import { containersEnv, requireTool } from '../../support/containers-env';

const run = promisify(execFile);

export interface SkopeoAuth {
  creds?: string;
}

function skopeo(): string {
  return requireTool('skopeo', 'apt-get install skopeo');
}

/** The raw manifest bytes skopeo reads for `ref` (`host:port/repo:tag`), or null when it does not exist. */
export async function skopeoRaw(ref: string, auth: SkopeoAuth = {}): Promise<Buffer | null> {
  const args = ['inspect', '--raw', '--tls-verify=false', ...(auth.creds ? ['--creds', auth.creds] : [])];
  try {
    const { stdout } = await run(skopeo(), [...args, `docker://${ref}`], {
      env: containersEnv(),
      encoding: 'buffer',
      maxBuffer: 16 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    const stderr = String((error as { stderr?: Buffer }).stderr ?? '');
    if (/manifest unknown|not found/i.test(stderr)) return null;
    throw new Error(`skopeo inspect ${ref} failed: ${stderr}`);
  }
}

/** sha256 of what skopeo reads: the digest the tag points at, seen by another client. */
export async function skopeoDigest(ref: string, auth: SkopeoAuth = {}): Promise<string | null> {
  const raw = await skopeoRaw(ref, auth);
  return raw === null ? null : `sha256:${createHash('sha256').update(raw).digest('hex')}`;
}

/** Copies an image (all platforms) between registries with skopeo: seeding that does not depend on our client. */
export async function skopeoCopy(
  from: string,
  to: string,
  options: { destCreds?: string; srcCreds?: string; format?: 'v2s2' | 'oci'; all?: boolean } = {},
): Promise<void> {
  const args = ['copy', '-q', '--src-tls-verify=false', '--dest-tls-verify=false'];
  if (options.all !== false) args.push('--all');
  if (options.destCreds) args.push('--dest-creds', options.destCreds);
  if (options.srcCreds) args.push('--src-creds', options.srcCreds);
  if (options.format) args.push('--format', options.format);
  await run(skopeo(), [...args, `docker://${from}`, `docker://${to}`], { env: containersEnv() });
}

/** A clock whose sleeps return at once and are recorded, so retry tests run fast and can assert the waits. */
export function recordingClock(): Clock & { sleeps: number[] } {
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => Date.now(),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
  };
}

export interface CountingFetch {
  fetch: typeof fetch;
  requests: Array<{ method: string; url: string; authorization?: string }>;
}

/** Wraps the global fetch and records every request (method, URL, Authorization header). */
export function countingFetch(): CountingFetch {
  const requests: CountingFetch['requests'] = [];
  const wrapped: typeof fetch = (input, init) => {
    const headers = new Headers(init?.headers);
    requests.push({
      method: init?.method ?? 'GET',
      url: String(input),
      authorization: headers.get('authorization') ?? undefined,
    });
    return fetch(input, init);
  };
  return { fetch: wrapped, requests };
}

/** A repository name unique to this test run, so test files sharing one registry never collide. */
export function uniqueRepository(prefix: string): string {
  return `${prefix}-${process.pid}-${Date.now().toString(36)}`;
}

/**
 * A fresh repository holding `<tag>-linux-amd64` and `<tag>-linux-arm64` (copied with skopeo, as per-platform builds
 * push them), addressed through `registry` (the registry itself or a proxy in front of it).
 */
export async function seedPlatformRepository(
  seeded: SeededBusybox,
  registry: string,
  prefix: string,
  tag = '1.2.3',
): Promise<RepositoryRef> {
  const repository = uniqueRepository(prefix);
  for (const arch of ['amd64', 'arm64'] as const) {
    await skopeoCopy(seeded.byArch[arch], `${seeded.registry}/${repository}:${tag}-linux-${arch}`, { all: false });
  }
  return { registry, repository };
}
