import { MANIFEST_ACCEPT, MediaType, parseManifest, referencedBlobs } from '../../../src/core/registry/manifest';
import { nextLink } from '../../../src/core/registry/manifest-operations';

const d = (n: number) => `sha256:${String(n).repeat(64).slice(0, 64)}`;
const bytes = (value: unknown) => Buffer.from(JSON.stringify(value));
const image = (mediaType?: string) => ({
  schemaVersion: 2,
  ...(mediaType ? { mediaType } : {}),
  config: { mediaType: MediaType.OciConfig, digest: d(1), size: 10 },
  layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: d(2), size: 20 }],
});
const index = (mediaType?: string) => ({
  schemaVersion: 2,
  ...(mediaType ? { mediaType } : {}),
  manifests: [
    { mediaType: MediaType.OciManifest, digest: d(3), size: 30, platform: { os: 'linux', architecture: 'amd64' } },
  ],
});

describe('parseManifest', () => {
  it.each([
    ['an OCI image manifest', image(MediaType.OciManifest), undefined, 'image', MediaType.OciManifest],
    ['an OCI index', index(MediaType.OciIndex), undefined, 'index', MediaType.OciIndex],
    ['a Docker schema 2 manifest', image(MediaType.DockerManifest), undefined, 'image', MediaType.DockerManifest],
    ['a Docker manifest list', index(MediaType.DockerManifestList), undefined, 'index', MediaType.DockerManifestList],
    [
      'a manifest without mediaType, by Content-Type',
      image(),
      `${MediaType.DockerManifest}; charset=utf-8`,
      'image',
      MediaType.DockerManifest,
    ],
    ['a manifest without mediaType nor Content-Type', image(), undefined, 'image', MediaType.OciManifest],
    ['an index without mediaType', index(), 'application/json', 'index', MediaType.OciIndex],
  ])('classifies %s', (_name, value, contentType, kind, mediaType) => {
    const parsed = parseManifest(bytes(value), contentType);
    expect(parsed.kind).toBe(kind);
    expect(parsed.mediaType).toBe(mediaType);
  });

  it.each([
    ['not JSON', Buffer.from('<html>'), /not valid JSON/],
    ['an array', bytes([1]), /not an object/],
    ['schema 1', bytes({ schemaVersion: 1, name: 'x', fsLayers: [] }), /schema 1 manifests are not supported/],
    [
      'an unknown media type',
      bytes({ schemaVersion: 2, mediaType: 'application/x-foo' }),
      /unsupported manifest media type "application\/x-foo"/,
    ],
    [
      'a bad descriptor',
      bytes({ ...image(MediaType.OciManifest), config: { digest: d(1) } }),
      /config is not a valid descriptor/,
    ],
    ['an index without manifests', bytes({ schemaVersion: 2, mediaType: MediaType.OciIndex }), /no "manifests" list/],
  ])('refuses %s', (_name, body, message) => {
    expect(() => parseManifest(body)).toThrow(message);
  });

  it('accepts all four manifest types', () => {
    expect(MANIFEST_ACCEPT.split(', ').sort()).toEqual(
      [MediaType.OciIndex, MediaType.OciManifest, MediaType.DockerManifestList, MediaType.DockerManifest].sort(),
    );
  });

  it('lists the blobs to copy, config first, without foreign layers', () => {
    const parsed = parseManifest(
      bytes({
        ...image(MediaType.DockerManifest),
        layers: [
          {
            mediaType: 'application/vnd.docker.image.rootfs.foreign.diff.tar.gzip',
            digest: d(4),
            size: 1,
            urls: ['https://x'],
          },
          { mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip', digest: d(5), size: 2 },
        ],
      }),
    );
    if (parsed.kind !== 'image') throw new Error('expected an image');
    expect(referencedBlobs(parsed.manifest).map((b) => b.digest)).toEqual([d(1), d(5)]);
  });
});

describe('nextLink', () => {
  it.each([
    ['</v2/app/tags/list?last=b&n=2>; rel="next"', '/v2/app/tags/list?last=b&n=2'],
    ['<https://r.example/v2/a/tags/list?n=1&last=x>;rel=next', 'https://r.example/v2/a/tags/list?n=1&last=x'],
    ['</a>; rel="prev", </b>; rel="next"', '/b'],
    ['</a>; rel="prev"', undefined],
    [null, undefined],
  ])('%j → %j', (header, expected) => {
    expect(nextLink(header)).toBe(expected);
  });
});
