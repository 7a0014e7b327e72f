/**
 * `<dist>/<image>/<tag>/manifest.json`: what `manifest` (or `build`'s final merge, or `promote`) published for a
 * tag, so later steps and the HTML report need not ask the registry. Pretty-printed, keys in a fixed order and no
 * timestamps, so publishing the same thing twice leaves the file byte-identical.
 * (Proposed for src/core/records/records.ts beside BuildRecord.)
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomically } from '../shared/atomic-dir';

export const MANIFEST_RECORD = 'manifest.json';

export interface ManifestRecord {
  image: string;
  /** Catalog tag (`3.13.7`), never with the snapshot suffix. */
  tag: string;
  /** The published index, `<registry>/<image>:<tag>[-<snapshot>]`. */
  ref: string;
  indexDigest: string;
  /** Declared platforms that had an image, sorted, each with its manifest digest. */
  platforms: Array<{ platform: string; digest: string }>;
  /** Declared platforms published without (only under --allow-partial); empty for a complete index. */
  missingPlatforms: string[];
  /** Alias tags pointing at `indexDigest` after this step (snapshot suffix included), sorted. */
  aliases: string[];
  /** `image.tar` (OCI layout archive, relative to the tag folder) when exported. */
  archive?: string;
}

export async function writeManifestRecord(tagDir: string, record: ManifestRecord): Promise<string> {
  const ordered: ManifestRecord = {
    image: record.image,
    tag: record.tag,
    ref: record.ref,
    indexDigest: record.indexDigest,
    platforms: [...record.platforms]
      .sort((a, b) => compare(a.platform, b.platform))
      .map((p) => ({ platform: p.platform, digest: p.digest })),
    missingPlatforms: [...record.missingPlatforms].sort(),
    aliases: [...record.aliases].sort(),
  };
  if (record.archive) ordered.archive = record.archive;
  const file = path.join(tagDir, MANIFEST_RECORD);
  await writeFileAtomically(file, `${JSON.stringify(ordered, null, 2)}\n`);
  return file;
}

/** The record of a tag, or undefined when none was written. */
export async function readManifestRecord(tagDir: string): Promise<ManifestRecord | undefined> {
  try {
    return JSON.parse(await fs.readFile(path.join(tagDir, MANIFEST_RECORD), 'utf8')) as ManifestRecord;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
