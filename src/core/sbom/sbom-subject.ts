/**
 * The image an SBOM describes, and the identifiers derived from it so every SBOM names its image the same way:
 * a `pkg:oci` package URL (purl-spec type `oci`: name = last path segment, version = digest, qualifiers arch,
 * repository_url and tag), a UUID derived from the digest (no random serial numbers) and a timestamp that does not
 * change between runs.
 */
import { createHash } from 'node:crypto';
import { tryParseReference } from '../registry/reference';
import { UsageError } from '../shared/errors';

export interface SbomSubject {
  /** The pushed per-platform reference, e.g. `127.0.0.1:5050/lua:5.4-linux-amd64`. */
  ref: string;
  /** `127.0.0.1:5050/lua` */
  repository: string;
  tag?: string;
  /** The platform image's manifest digest when known, else its image id (config digest). */
  digest: string;
  imageId: string;
  /** `linux/amd64` */
  platform: string;
  /** The image's creation time, used when SOURCE_DATE_EPOCH is not set. */
  created?: string;
}

export function describeSubject(input: {
  ref: string;
  digest?: string;
  imageId: string;
  platform: string;
  created?: string;
}): SbomSubject {
  const parsed = tryParseReference(input.ref);
  if (!parsed.ok) throw new UsageError(`invalid image reference "${input.ref}": ${parsed.problem.message}`);
  const { registry, repository, tag, digest } = parsed.reference;
  return {
    ref: input.ref,
    repository: `${registry}/${repository}`,
    tag,
    digest: input.digest ?? digest ?? input.imageId,
    imageId: input.imageId,
    platform: input.platform,
    created: input.created,
  };
}

/** `pkg:oci/lua@sha256%3A…?arch=amd64&repository_url=127.0.0.1%3A5050/lua&tag=5.4-linux-amd64` */
export function ociPurl(subject: SbomSubject): string {
  const name = subject.repository.split('/').pop()?.toLowerCase() ?? '';
  const [, arch, variant] = subject.platform.split('/');
  const qualifiers: Array<[string, string]> = [];
  if (arch) qualifiers.push(['arch', variant ? `${arch}/${variant}` : arch]);
  qualifiers.push(['repository_url', subject.repository]);
  if (subject.tag) qualifiers.push(['tag', subject.tag]);
  const query = qualifiers
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, value]) => `${key}=${encodeURIComponent(value).replace(/%2F/g, '/')}`)
    .join('&');
  return `pkg:oci/${encodeURIComponent(name)}@${encodeURIComponent(subject.digest)}?${query}`;
}

const URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

/** RFC 9562 version-5 UUID (SHA-1, URL namespace) of `name`: the same name always gives the same UUID. */
export function uuidV5(name: string, namespace = URL_NAMESPACE): string {
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The serial number of one SBOM: one image, one scanner, one format. */
export function sbomUuid(subject: SbomSubject, scanner: string, format: string): string {
  return uuidV5(`https://image-manager/sbom/${subject.digest}/${subject.platform}/${scanner}/${format}`);
}

/**
 * The SBOM's creation time: SOURCE_DATE_EPOCH when set (reproducible builds convention), else the image's own
 * creation time, else undefined (the SBOM then carries no time, or the epoch where its format requires one).
 */
export function sbomTimestamp(subject: SbomSubject, sourceDateEpoch: string | undefined): string | undefined {
  if (sourceDateEpoch !== undefined && sourceDateEpoch !== '') {
    if (!/^\d+$/.test(sourceDateEpoch)) {
      throw new UsageError(`SOURCE_DATE_EPOCH must be a number of seconds, got "${sourceDateEpoch}"`);
    }
    return isoSeconds(new Date(Number(sourceDateEpoch) * 1000));
  }
  if (subject.created) {
    const created = new Date(subject.created);
    if (!Number.isNaN(created.getTime())) return isoSeconds(created);
  }
  return undefined;
}

function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
