/**
 * One platform image from a registry, written as a docker-archive tar: `manifest.json`, the config blob and the
 * layer blobs exactly as the registry serves them (gzip or uncompressed). That is the format `docker save`,
 * `buildah push … docker-archive:` and `skopeo copy … docker-archive:` write, and every reader we use decompresses
 * layers itself: our archive reader, `docker load`, podman/buildah and trivy/syft.
 *
 * Done with our registry client instead of `skopeo copy`: a CI test job on another runner than the build then
 * needs no extra tool, pulls with the project's credentials (config, Docker config, CI variables) and insecure
 * registry settings like every other command, and every blob is checked against its digest on the way.
 */
import { OperationError } from '../shared/errors';
import { digestHex } from '../registry/digest';
import { isNonDistributable } from '../registry/manifest';
import type { FetchedManifest } from '../registry/manifest-operations';
import { formatPlatform, platformFromConfig, platformMatches } from '../registry/platform';
import { formatReference, type Reference, type RegistryClient } from '../registry';
import { writeTar, type TarEntry } from '../registry/tar-writer';

export interface PulledArchive {
  file: string;
  /** Manifest digest of the image written. */
  digest: string;
  /** `linux/arm64` as its config says. */
  platform: string;
}

export interface PullArchiveInput {
  /** A single-platform image, by tag or digest. */
  source: Reference;
  /** The platform it must be; anything else is refused before a layer is downloaded. */
  platform: string;
  file: string;
  /** `registry/repository:tag` recorded as the archive's RepoTags (what `docker load` names the image). */
  repoTag?: string;
}

export async function pullDockerArchive(client: RegistryClient, input: PullArchiveInput): Promise<PulledArchive> {
  const where = formatReference(input.source);
  const fetched = await client.getManifest(input.source);
  const manifest = imageManifest(fetched, where, input.platform);
  const configBytes = await client.getBlob(input.source, manifest.config.digest);
  const platform = configPlatform(configBytes, where);
  if (!platformMatches(input.platform, platform)) {
    throw new OperationError(
      `${where} should be a ${input.platform} image but its config says ${formatPlatform(platform)}; rebuild it with --platform ${input.platform}`,
    );
  }
  const blobName = (digest: string) => `blobs/sha256/${digestHex(digest)}`;
  const layers = manifest.layers.map((layer) => layer.digest);
  const entries: TarEntry[] = [
    { name: 'blobs/', type: 'directory' },
    { name: 'blobs/sha256/', type: 'directory' },
    { name: blobName(manifest.config.digest), type: 'file', content: async () => configBytes },
    {
      name: 'manifest.json',
      type: 'file',
      content: async () =>
        Buffer.from(
          JSON.stringify([
            {
              Config: blobName(manifest.config.digest),
              RepoTags: input.repoTag ? [input.repoTag] : [],
              Layers: layers.map(blobName),
            },
          ]),
        ),
    },
  ];
  // A layer listed twice (the same content added in two steps) is stored once; manifest.json lists it twice.
  for (const digest of new Set(layers)) {
    entries.push({ name: blobName(digest), type: 'file', content: () => client.getBlob(input.source, digest) });
  }
  await writeTar(input.file, entries);
  return { file: input.file, digest: fetched.digest, platform: formatPlatform(platform) };
}

function imageManifest(fetched: FetchedManifest, where: string, platform: string) {
  if (fetched.parsed.kind !== 'image') {
    throw new OperationError(
      `${where} is a multi-platform index, not the single ${platform} image expected there; test the per-platform tag`,
    );
  }
  const { manifest } = fetched.parsed;
  const foreign = manifest.layers.filter(isNonDistributable);
  if (foreign.length > 0) {
    throw new OperationError(
      `${where} has ${foreign.length} foreign (non-distributable) layer(s) that registries do not serve; it cannot be exported for testing`,
    );
  }
  const unsupported = [manifest.config, ...manifest.layers].filter((blob) => !blob.digest.startsWith('sha256:'));
  if (unsupported.length > 0) {
    throw new OperationError(`${where} uses ${unsupported[0].digest.split(':')[0]} digests; only sha256 is supported`);
  }
  return manifest;
}

function configPlatform(bytes: Uint8Array, where: string) {
  try {
    return platformFromConfig(JSON.parse(Buffer.from(bytes).toString('utf8')));
  } catch (error) {
    throw new OperationError(`${where}: cannot tell its platform from the image config (${(error as Error).message})`);
  }
}
