/**
 * Finds the per-platform images of one tag: by the digests the build just pushed, else by their tags
 * `<tag>[-<snapshot>]-linux-<arch>` in the tag's repository. Each image's platform is read from its config, not
 * trusted from the tag name: an arm64 image pushed under `…-linux-amd64` would otherwise be served to amd64
 * machines, so a mismatch stops the publish.
 */
import type { RegistryClient } from '../registry';
import { formatReference, formatPlatform, RegistryError, withDigest, withTag } from '../registry';
import type { RepositoryRef, Reference } from '../registry';
import type { IndexEntry } from '../registry/image-index';
import type { FetchedManifest } from '../registry/manifest-operations';
import { platformFromConfig, platformMatches } from '../registry/platform';
import { OperationError, UsageError } from '../shared/errors';

export interface PlatformImage {
  /** The declared platform it stands for (`linux/amd64`). */
  platform: string;
  source: Reference;
  manifest: FetchedManifest;
  entry: IndexEntry;
}

export interface MissingPlatform {
  platform: string;
  /** Where it was looked for. */
  ref: string;
}

export interface PlatformLookup {
  found: PlatformImage[];
  missing: MissingPlatform[];
}

export interface PlatformLookupInput {
  repository: RepositoryRef;
  platforms: string[];
  /** Platform → tag to look for when no digest is given. */
  tagFor: (platform: string) => string;
  digests?: Record<string, string>;
}

export async function findPlatformImages(client: RegistryClient, input: PlatformLookupInput): Promise<PlatformLookup> {
  const undeclared = Object.keys(input.digests ?? {}).filter((p) => !input.platforms.includes(p));
  if (undeclared.length > 0) {
    throw new UsageError(
      `digests were given for ${undeclared.join(', ')}, which .image-manager.yml does not declare (platforms: ${input.platforms.join(', ')})`,
    );
  }
  const results = await Promise.all(input.platforms.map((platform) => findOne(client, input, platform)));
  return {
    found: results.filter((r): r is PlatformImage => 'entry' in r),
    missing: results.filter((r): r is MissingPlatform => !('entry' in r)),
  };
}

async function findOne(
  client: RegistryClient,
  input: PlatformLookupInput,
  platform: string,
): Promise<PlatformImage | MissingPlatform> {
  const digest = input.digests?.[platform];
  const source = digest ? withDigest(input.repository, digest) : withTag(input.repository, input.tagFor(platform));
  let manifest: FetchedManifest;
  try {
    manifest = await client.getManifest(source);
  } catch (error) {
    if (!(error instanceof RegistryError && error.status === 404)) throw error;
    if (digest) {
      throw new OperationError(
        `the ${platform} image ${formatReference(source)} reported by the build is not in the registry; re-run the build for ${platform}`,
      );
    }
    return { platform, ref: formatReference(source) };
  }
  if (manifest.parsed.kind !== 'image') {
    throw new OperationError(
      `${formatReference(source)} is a multi-platform index, not the single ${platform} image expected there; push one image per platform`,
    );
  }
  const configDigest = manifest.parsed.manifest.config.digest;
  let actual;
  try {
    const bytes = await client.getBlob(source, configDigest);
    actual = platformFromConfig(JSON.parse(Buffer.from(bytes).toString('utf8')));
  } catch (error) {
    if (error instanceof OperationError) throw error;
    throw new OperationError(
      `${formatReference(source)}: cannot tell its platform from the image config (${(error as Error).message})`,
    );
  }
  if (!platformMatches(platform, actual)) {
    throw new OperationError(
      `${formatReference(source)} should be a ${platform} image but its config says ${formatPlatform(actual)}; rebuild it with --platform ${platform}`,
    );
  }
  return {
    platform,
    source,
    manifest,
    entry: {
      mediaType: manifest.mediaType,
      digest: manifest.digest,
      size: manifest.bytes.byteLength,
      platform: actual,
    },
  };
}
