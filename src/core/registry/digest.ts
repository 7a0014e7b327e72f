/**
 * Content digests (`sha256:<hex>`): everything we fetch by digest is checked against it, so a registry, proxy or
 * cache that hands back other bytes is caught before those bytes are trusted or re-published.
 */
import { createHash } from 'node:crypto';

const SUPPORTED = new Set(['sha256', 'sha512']);

export function sha256Digest(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** The digest of `bytes` with the same algorithm as `expected` (sha256 or sha512). */
export function digestLike(expected: string, bytes: Uint8Array): string {
  const algorithm = digestAlgorithm(expected);
  return `${algorithm}:${createHash(algorithm).update(bytes).digest('hex')}`;
}

export function digestMatches(expected: string, bytes: Uint8Array): boolean {
  return digestLike(expected, bytes) === expected;
}

export function digestAlgorithm(digest: string): string {
  const algorithm = digest.slice(0, digest.indexOf(':'));
  if (!SUPPORTED.has(algorithm)) throw new Error(`unsupported digest algorithm in "${digest}" (expected sha256)`);
  return algorithm;
}

/** The hex part, used as a file name in OCI layouts (`blobs/sha256/<hex>`). */
export function digestHex(digest: string): string {
  return digest.slice(digest.indexOf(':') + 1);
}
