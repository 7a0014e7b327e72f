/**
 * `build.json` next to each platform image: what was pushed (reference, digest, size), with what, on which base
 * digests, in how long. Later steps (sbom, test, report) and other CI jobs read it instead of asking the registry.
 * Written atomically so a reader never sees half a record.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { BUILD_RECORD, platformSlug, type BuildRecord } from '../records/records';
import { parseReference, type RegistryClient } from '../registry';
import { writeFileAtomically } from '../shared/atomic-dir';

export function platformDir(distDir: string, image: string, tag: string, platform: string): string {
  return path.join(distDir, image, tag, platformSlug(platform));
}

/** The record with its keys in the documented order (stable files, readable diffs). */
export function orderedRecord(record: BuildRecord): BuildRecord {
  const ordered: BuildRecord = {
    image: record.image,
    tag: record.tag,
    platform: record.platform,
    ref: record.ref,
    digest: record.digest,
    builder: record.builder,
    baseDigests: Object.fromEntries(Object.entries(record.baseDigests).sort(([a], [b]) => (a < b ? -1 : 1))),
    durationMs: record.durationMs,
  };
  if (record.size !== undefined) ordered.size = record.size;
  if (record.inputDigest !== undefined) ordered.inputDigest = record.inputDigest;
  if (record.reusedFrom !== undefined) ordered.reusedFrom = record.reusedFrom;
  if (record.archive !== undefined) ordered.archive = record.archive;
  if (record.labels !== undefined) {
    ordered.labels = Object.fromEntries(Object.entries(record.labels).sort(([a], [b]) => (a < b ? -1 : 1)));
  }
  return ordered;
}

export async function writeBuildRecord(distDir: string, record: BuildRecord): Promise<string> {
  const dir = platformDir(distDir, record.image, record.tag, record.platform);
  await fs.mkdir(dir, { recursive: true });
  const file = path.join(dir, BUILD_RECORD);
  await writeFileAtomically(file, `${JSON.stringify(orderedRecord(record), null, 2)}\n`);
  return file;
}

/** Compressed layers + config: what a pull of this platform image transfers. Undefined when it cannot be read. */
export async function pushedImageSize(
  client: RegistryClient,
  ref: string,
  digest: string,
): Promise<number | undefined> {
  try {
    const fetched = await client.getManifest({ ...parseReference(ref), digest });
    if (fetched.parsed.kind !== 'image') return undefined;
    const { manifest } = fetched.parsed;
    return manifest.config.size + manifest.layers.reduce((sum, layer) => sum + layer.size, 0);
  } catch {
    return undefined;
  }
}
