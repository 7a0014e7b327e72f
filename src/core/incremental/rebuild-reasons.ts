/**
 * Why a platform image must be built, in words a reviewer understands: compares the inputs of this run with the
 * inputs recorded on the image the registry already has. No reasons means the existing image IS this build.
 */
import { inputDigest, UNKNOWN_DIGEST, type InputParts } from './input-parts';

export interface PreviousInputs {
  /** The reference the existing image was found under. */
  ref: string;
  digest?: string;
  parts?: InputParts;
}

export function rebuildReasons(current: InputParts, previous: PreviousInputs | undefined): string[] {
  const unknown = Object.entries(current.bases)
    .filter(([, digest]) => digest === UNKNOWN_DIGEST)
    .map(([ref]) => `the digest of ${ref} cannot be found out (registry unreachable?)`);
  if (!previous) return ['new: no image in the registry yet', ...unknown];
  if (!previous.digest)
    return [`${previous.ref} records no input digest (built before incremental builds)`, ...unknown];
  if (unknown.length > 0) return unknown;
  if (previous.digest === inputDigest(current)) return [];
  const before = previous.parts;
  if (!before) return [`the inputs of ${previous.ref} differ (their parts are not recorded)`];

  const reasons: string[] = [];
  if (before.dockerfile !== current.dockerfile) reasons.push('Dockerfile changed');
  if (before.context !== current.context) reasons.push('rootfs changed');
  if (before.labels !== current.labels) reasons.push('labels changed');
  if (before.platform !== current.platform) reasons.push(`platform changed (${before.platform} → ${current.platform})`);
  if (before.builder !== current.builder) reasons.push(`builder changed (${before.builder} → ${current.builder})`);
  const refs = [...new Set([...Object.keys(before.bases), ...Object.keys(current.bases)])].sort();
  for (const ref of refs) {
    const was = before.bases[ref];
    const now = current.bases[ref];
    if (was === now) continue;
    if (was === undefined) reasons.push(`new base ${ref}`);
    else if (now === undefined) reasons.push(`no longer built on ${ref}`);
    else reasons.push(`base ${ref} changed (${short(was)} → ${short(now)})`);
  }
  // Same parts, other digest: only a change in how parts are hashed can do that.
  return reasons.length > 0 ? reasons : ['the input digest differs'];
}

function short(digest: string): string {
  return digest.startsWith('sha256:') ? digest.slice(0, 19) : digest;
}
