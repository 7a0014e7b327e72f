/**
 * The four manifest formats a registry serves (OCI image manifest and index, Docker schema 2 manifest and manifest
 * list) and the descriptors inside them, as plain data. Parsing classifies bytes into "index" (points at other
 * manifests) or "image" (points at a config and layers) and rejects what we cannot publish safely.
 */

export const MediaType = {
  OciManifest: 'application/vnd.oci.image.manifest.v1+json',
  OciIndex: 'application/vnd.oci.image.index.v1+json',
  DockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  DockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  OciConfig: 'application/vnd.oci.image.config.v1+json',
  DockerConfig: 'application/vnd.docker.container.image.v1+json',
} as const;

const INDEX_TYPES: ReadonlySet<string> = new Set([MediaType.OciIndex, MediaType.DockerManifestList]);
const IMAGE_TYPES: ReadonlySet<string> = new Set([MediaType.OciManifest, MediaType.DockerManifest]);
const SCHEMA1_TYPES = new Set([
  'application/vnd.docker.distribution.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v1+prettyjws',
]);

/** Sent on every manifest GET/HEAD: without it a registry may serve a converted (different-digest) manifest. */
export const MANIFEST_ACCEPT = [
  MediaType.OciIndex,
  MediaType.OciManifest,
  MediaType.DockerManifestList,
  MediaType.DockerManifest,
].join(', ');

/** OCI image-spec platform object. */
export interface Platform {
  architecture: string;
  os: string;
  'os.version'?: string;
  'os.features'?: string[];
  variant?: string;
}

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: Platform;
  annotations?: Record<string, string>;
  urls?: string[];
  artifactType?: string;
}

export interface ImageManifest {
  schemaVersion: 2;
  mediaType?: string;
  config: Descriptor;
  layers: Descriptor[];
  annotations?: Record<string, string>;
}

export interface ImageIndex {
  schemaVersion: 2;
  mediaType?: string;
  manifests: Descriptor[];
  annotations?: Record<string, string>;
}

export type ParsedManifest =
  | { kind: 'image'; mediaType: string; manifest: ImageManifest }
  | { kind: 'index'; mediaType: string; index: ImageIndex };

export function isIndexMediaType(mediaType: string): boolean {
  return INDEX_TYPES.has(mediaType);
}

export function isImageManifestMediaType(mediaType: string): boolean {
  return IMAGE_TYPES.has(mediaType);
}

/**
 * Classifies manifest bytes. The `mediaType` field wins over the Content-Type header (it is what the digest
 * covers); without either, the shape decides. Throws an Error whose message says what is wrong.
 */
export function parseManifest(bytes: Uint8Array, contentType?: string): ParsedManifest {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    throw new Error('the manifest is not valid JSON');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new Error('the manifest is not an object');
  const body = json as Record<string, unknown>;
  const declared = typeof body.mediaType === 'string' ? body.mediaType : undefined;
  const header = contentType?.split(';')[0].trim();
  const mediaType = declared ?? (header && header !== 'application/json' ? header : undefined) ?? guessMediaType(body);
  if (SCHEMA1_TYPES.has(mediaType) || body.schemaVersion === 1) {
    throw new Error('Docker schema 1 manifests are not supported (re-push the image with a current tool)');
  }
  if (body.schemaVersion !== 2) throw new Error(`unsupported manifest schemaVersion ${String(body.schemaVersion)}`);
  if (isIndexMediaType(mediaType)) {
    if (!Array.isArray(body.manifests)) throw new Error('the index has no "manifests" list');
    body.manifests.forEach((d, i) => checkDescriptor(d, `manifests[${i}]`));
    return { kind: 'index', mediaType, index: body as unknown as ImageIndex };
  }
  if (isImageManifestMediaType(mediaType)) {
    checkDescriptor(body.config, 'config');
    if (!Array.isArray(body.layers)) throw new Error('the manifest has no "layers" list');
    body.layers.forEach((d, i) => checkDescriptor(d, `layers[${i}]`));
    return { kind: 'image', mediaType, manifest: body as unknown as ImageManifest };
  }
  throw new Error(`unsupported manifest media type "${mediaType}"`);
}

/** Every blob an image manifest references (config first), skipping layers that registries may not serve. */
export function referencedBlobs(manifest: ImageManifest): Descriptor[] {
  return [manifest.config, ...manifest.layers.filter((layer) => !isNonDistributable(layer))];
}

/** Foreign layers (Windows base layers) are fetched from their `urls`, never pushed to or mounted in a registry. */
export function isNonDistributable(descriptor: Descriptor): boolean {
  return descriptor.mediaType.includes('nondistributable') || descriptor.mediaType.includes('foreign');
}

function guessMediaType(body: Record<string, unknown>): string {
  if (Array.isArray(body.manifests)) return MediaType.OciIndex;
  if (body.config !== undefined) return MediaType.OciManifest;
  return 'unknown';
}

function checkDescriptor(value: unknown, field: string): void {
  const d = value as Partial<Descriptor> | null;
  if (
    typeof d !== 'object' ||
    d === null ||
    typeof d.mediaType !== 'string' ||
    typeof d.digest !== 'string' ||
    typeof d.size !== 'number'
  ) {
    throw new Error(`${field} is not a valid descriptor (mediaType, digest and size are required)`);
  }
}
