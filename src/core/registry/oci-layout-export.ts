/**
 * Exports an image (an index with all its platforms, or a single manifest) from a registry into an OCI image
 * layout tar: `oci-layout`, `index.json` and `blobs/<alg>/<hex>`. Every manifest and blob is digest-verified on
 * the way, and the tar is deterministic, so exporting the same image twice gives identical files (cacheable
 * artifacts, SBOM and test inputs that do not churn).
 */
import type { RegistryClient } from './client';
import { digestAlgorithm, digestHex } from './digest';
import { isNonDistributable, MediaType, type Descriptor } from './manifest';
import type { FetchedManifest } from './manifest-operations';
import { withDigest, type Reference } from './reference';
import { writeTar, type TarEntry } from './tar-writer';

export interface OciLayoutExport {
  digest: string;
  mediaType: string;
  /** Distinct blobs written (manifests included). */
  blobCount: number;
  /** Size of the tar file. */
  fileSize: number;
}

export async function exportOciLayout(client: RegistryClient, ref: Reference, file: string): Promise<OciLayoutExport> {
  const top = await client.getManifest(ref);
  const manifests = new Map<string, Uint8Array>();
  const blobs = new Map<string, Descriptor>();
  await collect(client, ref, top, manifests, blobs);

  const descriptor: Descriptor = { mediaType: top.mediaType, digest: top.digest, size: top.bytes.byteLength };
  if (ref.tag) descriptor.annotations = { 'org.opencontainers.image.ref.name': ref.tag };
  const layoutIndex = { schemaVersion: 2, mediaType: MediaType.OciIndex, manifests: [descriptor] };

  const entries: TarEntry[] = [
    { name: 'oci-layout', type: 'file', content: async () => Buffer.from('{"imageLayoutVersion":"1.0.0"}') },
    { name: 'index.json', type: 'file', content: async () => Buffer.from(JSON.stringify(layoutIndex)) },
    { name: 'blobs/', type: 'directory' },
  ];
  const algorithms = new Set([...manifests.keys(), ...blobs.keys()].map(digestAlgorithm));
  for (const algorithm of algorithms) entries.push({ name: `blobs/${algorithm}/`, type: 'directory' });
  for (const [digest, bytes] of manifests) entries.push(blobEntry(digest, async () => bytes));
  for (const digest of blobs.keys()) {
    if (!manifests.has(digest)) entries.push(blobEntry(digest, () => client.getBlob(ref, digest)));
  }
  const fileSize = await writeTar(file, entries);
  return {
    digest: top.digest,
    mediaType: top.mediaType,
    blobCount: new Set([...manifests.keys(), ...blobs.keys()]).size,
    fileSize,
  };
}

/** Gathers every manifest below `fetched` (bytes kept: they are small) and every blob descriptor to download. */
async function collect(
  client: RegistryClient,
  ref: Reference,
  fetched: FetchedManifest,
  manifests: Map<string, Uint8Array>,
  blobs: Map<string, Descriptor>,
): Promise<void> {
  manifests.set(fetched.digest, fetched.bytes);
  if (fetched.parsed.kind === 'image') {
    const { config, layers } = fetched.parsed.manifest;
    for (const blob of [config, ...layers]) {
      // Foreign layers are fetched from their URLs by whoever runs the image; layouts leave them out too.
      if (!isNonDistributable(blob)) blobs.set(blob.digest, blob);
    }
    return;
  }
  for (const child of fetched.parsed.index.manifests) {
    if (manifests.has(child.digest)) continue;
    const childManifest = await client.getManifest(withDigest(ref, child.digest));
    await collect(client, ref, childManifest, manifests, blobs);
  }
}

function blobEntry(digest: string, content: () => Promise<Uint8Array>): TarEntry {
  return { name: `blobs/${digestAlgorithm(digest)}/${digestHex(digest)}`, type: 'file', content };
}
