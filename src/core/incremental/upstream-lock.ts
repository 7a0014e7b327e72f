/**
 * `image-manager.lock.json` beside `.image-manager.yml`: the digest each upstream base (an image FROM outside the
 * catalog) was pinned to. Without `--pin-upstream` a build resolves every upstream tag to the digest it points at
 * now, so a moved tag (a security update of `debian:bookworm-slim`) rebuilds what is built on it. With
 * `--pin-upstream` the build uses the locked digest instead (FROM rewritten to `ref@digest`), and adds an upstream
 * missing from the lock with its current digest. Delete an entry to take the current digest again.
 *
 *     { "lockfileVersion": 1, "upstream": { "docker.io/library/debian:bookworm-slim": "sha256:…" } }
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomically } from '../shared/atomic-dir';
import { ConfigError } from '../shared/errors';

export const LOCK_FILE = 'image-manager.lock.json';
const LOCKFILE_VERSION = 1;
const DIGEST = /^sha256:[0-9a-f]{64}$/;

export function lockFilePath(root: string): string {
  return path.join(root, LOCK_FILE);
}

/** The locked digests by upstream reference; empty when there is no lock file yet. */
export async function readUpstreamLock(root: string): Promise<Record<string, string>> {
  const file = lockFilePath(root);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  const problem = (message: string, field?: string) =>
    new ConfigError([
      {
        message,
        location: { file: LOCK_FILE },
        field,
        hint: `fix it, or delete ${LOCK_FILE} and run image-manager build --pin-upstream to write it anew`,
      },
    ]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw problem(`not valid JSON: ${(error as Error).message}`);
  }
  const lock = parsed as { lockfileVersion?: unknown; upstream?: unknown };
  if (typeof lock !== 'object' || lock === null || lock.lockfileVersion !== LOCKFILE_VERSION) {
    throw problem(`expected lockfileVersion ${LOCKFILE_VERSION}`, 'lockfileVersion');
  }
  if (typeof lock.upstream !== 'object' || lock.upstream === null || Array.isArray(lock.upstream)) {
    throw problem('expected an object of upstream reference → digest', 'upstream');
  }
  const digests: Record<string, string> = {};
  for (const [ref, digest] of Object.entries(lock.upstream as Record<string, unknown>)) {
    if (typeof digest !== 'string' || !DIGEST.test(digest)) {
      throw problem(`"${String(digest)}" is not a sha256 digest`, `upstream["${ref}"]`);
    }
    digests[ref] = digest;
  }
  return digests;
}

/** Writes the lock (sorted, stable) when its content changes; returns whether it did. */
export async function writeUpstreamLock(root: string, digests: Readonly<Record<string, string>>): Promise<boolean> {
  const upstream = Object.fromEntries(Object.entries(digests).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const text = `${JSON.stringify({ lockfileVersion: LOCKFILE_VERSION, upstream }, null, 2)}\n`;
  const file = lockFilePath(root);
  const current = await fs.readFile(file, 'utf8').catch(() => undefined);
  if (current === text) return false;
  await writeFileAtomically(file, text);
  return true;
}
