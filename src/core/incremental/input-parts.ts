/**
 * What determines a platform image, part by part: the input digest is the hash of these parts, and the parts
 * themselves travel with the image (a label) so a later run can say not only THAT an image must be rebuilt but WHY
 * ("base base:1.0 changed", "rootfs changed"). Deliberately left out: `created` and `revision` (they change with
 * every commit and describe provenance, not content), the base name and digest labels (the Dockerfile and `bases`
 * parts hold them) and the input labels themselves.
 */
import { createHash } from 'node:crypto';
import { OCI_LABEL } from '../build/labels';

/** Version of the parts' layout: a new layout makes every old image "built before" and so rebuilt, never misread. */
export const INPUT_PARTS_VERSION = 1;

export const INPUT_LABEL = {
  digest: 'dev.image-manager.input.digest',
  parts: 'dev.image-manager.input.parts',
} as const;

/** A base whose digest could not be found out (an unreachable upstream registry): never matches anything. */
export const UNKNOWN_DIGEST = 'unknown';

export interface InputParts {
  v: number;
  /** sha256 of the Dockerfile as generated (catalog FROMs unpinned: their digests are in `bases`). */
  dockerfile: string;
  /** sha256 over the build context besides the Dockerfile (rootfs/: paths, types, modes, contents, link targets). */
  context: string;
  /** sha256 of the labels that are inputs (see file comment), sorted. */
  labels: string;
  platform: string;
  builder: string;
  /** Every base image reference → the digest built on (catalog parents and upstream images alike). */
  bases: Record<string, string>;
}

/** Labels that never count as inputs. */
const NOT_INPUT_LABELS = new Set<string>([
  OCI_LABEL.created,
  OCI_LABEL.revision,
  // Derived from the Dockerfile and `bases` (and naming a snapshot's tags): those parts say what changed.
  OCI_LABEL.baseName,
  OCI_LABEL.baseDigest,
  INPUT_LABEL.digest,
  INPUT_LABEL.parts,
]);

export function sha256(data: string | Uint8Array): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

export function inputLabelsDigest(labels: Readonly<Record<string, string>>): string {
  const entries = Object.entries(labels)
    .filter(([key]) => !NOT_INPUT_LABELS.has(key))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return sha256(JSON.stringify(entries));
}

/** The parts with their keys (and the bases' keys) in one fixed order, as hashed and as stored. */
export function canonicalParts(parts: InputParts): string {
  const bases = Object.fromEntries(Object.entries(parts.bases).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return JSON.stringify({
    v: parts.v,
    dockerfile: parts.dockerfile,
    context: parts.context,
    labels: parts.labels,
    platform: parts.platform,
    builder: parts.builder,
    bases,
  });
}

export function inputDigest(parts: InputParts): string {
  return sha256(canonicalParts(parts));
}

/** The two labels a built image carries. */
export function inputLabels(parts: InputParts): Record<string, string> {
  return { [INPUT_LABEL.digest]: inputDigest(parts), [INPUT_LABEL.parts]: canonicalParts(parts) };
}

/** What an image's labels say about its inputs; undefined parts when absent, unreadable or of another version. */
export function readInputLabels(labels: Readonly<Record<string, string>> | undefined): {
  digest?: string;
  parts?: InputParts;
} {
  const digest = labels?.[INPUT_LABEL.digest];
  const raw = labels?.[INPUT_LABEL.parts];
  if (!raw) return digest ? { digest } : {};
  try {
    const parsed = JSON.parse(raw) as Partial<InputParts>;
    const valid =
      parsed.v === INPUT_PARTS_VERSION &&
      typeof parsed.dockerfile === 'string' &&
      typeof parsed.context === 'string' &&
      typeof parsed.labels === 'string' &&
      typeof parsed.platform === 'string' &&
      typeof parsed.builder === 'string' &&
      typeof parsed.bases === 'object' &&
      parsed.bases !== null;
    return valid ? { digest, parts: parsed as InputParts } : digest ? { digest } : {};
  } catch {
    return digest ? { digest } : {};
  }
}
