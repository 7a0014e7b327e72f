/**
 * Builds the bytes of an OCI image index from per-platform manifests. Pure and deterministic: entries are sorted
 * by platform, object keys are written in a fixed order and annotations sorted, so the same inputs always give
 * the same bytes and digest (publishing twice is a no-op, and CI jobs on different runners agree).
 */
import { sha256Digest } from './digest';
import { MediaType, type Descriptor, type ImageIndex, type Platform } from './manifest';
import { comparePlatforms, formatPlatform } from './platform';

export interface IndexEntry {
  mediaType: string;
  digest: string;
  size: number;
  platform: Platform;
}

export interface BuiltIndex {
  index: ImageIndex;
  bytes: Uint8Array;
  digest: string;
}

/** Throws when two entries have the same platform: an index must not be ambiguous about what a runner gets. */
export function buildImageIndex(entries: IndexEntry[], annotations?: Record<string, string>): BuiltIndex {
  const sorted = [...entries].sort((a, b) => comparePlatforms(a.platform, b.platform) || compare(a.digest, b.digest));
  for (let i = 1; i < sorted.length; i++) {
    if (formatPlatform(sorted[i].platform) === formatPlatform(sorted[i - 1].platform)) {
      throw new Error(`two images have the platform ${formatPlatform(sorted[i].platform)}`);
    }
  }
  const index: ImageIndex = {
    schemaVersion: 2,
    mediaType: MediaType.OciIndex,
    manifests: sorted.map(descriptorFor),
  };
  const keys = Object.keys(annotations ?? {}).sort();
  if (annotations && keys.length > 0) index.annotations = Object.fromEntries(keys.map((k) => [k, annotations[k]]));
  const bytes = Buffer.from(JSON.stringify(index));
  return { index, bytes, digest: sha256Digest(bytes) };
}

function descriptorFor(entry: IndexEntry): Descriptor {
  const p = entry.platform;
  const platform: Platform = { architecture: p.architecture, os: p.os };
  if (p['os.version']) platform['os.version'] = p['os.version'];
  if (p['os.features'] && p['os.features'].length > 0) platform['os.features'] = [...p['os.features']];
  if (p.variant) platform.variant = p.variant;
  return { mediaType: entry.mediaType, digest: entry.digest, size: entry.size, platform };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
