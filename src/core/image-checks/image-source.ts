/**
 * Which image `test` and `sbom` check for one tag and platform, and where its bytes come from. The image is the
 * per-platform tag `<tag>[-ID]-linux-<arch>` of this run's snapshot; its bytes come from `linux-<arch>/image.tar`
 * when the build record beside it names that very tag (the same job built it), else from the registry (a CI job
 * on another runner than the build). An archive without a matching record is not trusted: a failed rebuild
 * removes build.json but may leave the previous image.tar behind, and testing that would vouch for the wrong image.
 *
 * The reference recorded in reports names the image exactly: the tag plus the digest that was checked, which is
 * what `promote` compares with the snapshot index before releasing it.
 */
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Catalog } from '../generate/catalog';
import { imageRepository, platformTag, tagDistDir } from '../publish/catalog-tags';
import { BUILD_RECORD, IMAGE_ARCHIVE, platformSlug } from '../records/records';
import {
  formatReference,
  tryParseReference,
  withDigest,
  withTag,
  type Reference,
  type RegistryClient,
} from '../registry';
import { OperationError } from '../shared/errors';
import type { Logger } from '../shared/logger';

export interface ImageSourceContext {
  catalog: Catalog;
  client: RegistryClient;
  logger: Logger;
}

export interface PlatformImage {
  image: string;
  tag: string;
  platform: string;
  /** `<dist>/<image>/<tag>/linux-<arch>`: where the records of this platform go. */
  dir: string;
  /** The per-platform tag, e.g. `127.0.0.1:5050/app:1.0-mr-7-linux-amd64`. */
  tagRef: string;
  /** Manifest digest of the image checked. */
  digest: string;
  /** `tagRef@digest`: names exactly the image checked. */
  ref: string;
  source: { kind: 'archive'; file: string } | { kind: 'registry'; reference: Reference; why: string };
}

export interface MissingPlatform {
  image: string;
  tag: string;
  platform: string;
  dir: string;
  tagRef: string;
  reason: string;
  failed?: boolean;
}

export interface PlatformLookup {
  found: PlatformImage[];
  /** Not built: neither a build record nor the tag in the registry. */
  missing: MissingPlatform[];
  /** Could not be looked up (registry unreachable, denied): never mistaken for "not built". */
  failed: MissingPlatform[];
}

export async function findPlatformImages(
  context: ImageSourceContext,
  image: string,
  tag: string,
  platforms: string[],
): Promise<PlatformLookup> {
  const lookup: PlatformLookup = { found: [], missing: [], failed: [] };
  for (const platform of platforms) {
    const result = await findOne(context, image, tag, platform);
    if ('digest' in result) lookup.found.push(result);
    else if (result.failed) lookup.failed.push(result);
    else lookup.missing.push(result);
  }
  return lookup;
}

async function findOne(
  context: ImageSourceContext,
  image: string,
  tag: string,
  platform: string,
): Promise<PlatformImage | MissingPlatform> {
  const { catalog, client, logger } = context;
  const expected = withTag(imageRepository(catalog, image), platformTag(tag, catalog.snapshotId, platform));
  const tagRef = formatReference(expected);
  const dir = path.join(tagDistDir(catalog, image, tag), platformSlug(platform));
  const base = { image, tag, platform, dir, tagRef };
  const named = (digest: string) => ({ ...base, digest, ref: `${tagRef}@${digest}` });
  const archive = path.join(dir, IMAGE_ARCHIVE);
  const record = await readBuildRecordRef(path.join(dir, BUILD_RECORD), logger);

  if (record && namesSameTag(record.ref, expected)) {
    if (existsSync(archive)) return { ...named(record.digest), source: { kind: 'archive', file: archive } };
    const reference = withDigest(expected, record.digest);
    return { ...named(record.digest), source: { kind: 'registry', reference, why: `no ${IMAGE_ARCHIVE} in ${dir}` } };
  }
  const why = record
    ? `${path.join(dir, BUILD_RECORD)} is for ${record.ref}, not ${tagRef} (another snapshot?)`
    : `no ${BUILD_RECORD} in ${dir}`;
  if (existsSync(archive)) logger.info(`${image}:${tag} ${platform}: not using ${archive}: ${why}`);
  let info;
  try {
    info = await client.headManifest(expected);
  } catch (error) {
    if (!(error instanceof OperationError)) throw error;
    return { ...base, failed: true, reason: `${why}, and looking up ${tagRef} failed: ${error.message}` };
  }
  if (!info) return { ...base, reason: `not built: ${why} and ${tagRef} is not in the registry` };
  return { ...named(info.digest), source: { kind: 'registry', reference: withDigest(expected, info.digest), why } };
}

interface RecordRef {
  ref: string;
  digest: string;
}

/** The reference and digest of a build record; a record that cannot be read is reported and treated as absent. */
async function readBuildRecordRef(file: string, logger: Logger): Promise<RecordRef | undefined> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const json = JSON.parse(text) as Partial<RecordRef>;
    if (typeof json.ref === 'string' && typeof json.digest === 'string' && /^sha256:[0-9a-f]{64}$/.test(json.digest)) {
      return { ref: json.ref, digest: json.digest };
    }
  } catch {
    // reported below
  }
  logger.warn(`${file} is not a build record with a ref and a sha256 digest; ignoring it`);
  return undefined;
}

function namesSameTag(ref: string, expected: Reference): boolean {
  const parsed = tryParseReference(ref);
  if (!parsed.ok) return false;
  const { registry, repository, tag } = parsed.reference;
  return registry === expected.registry && repository === expected.repository && tag === expected.tag;
}
