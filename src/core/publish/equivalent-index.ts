/**
 * An index the registry already has that lists exactly the platform manifests a merge is about to publish. Index
 * annotations carry the revision, so a new commit that changed nothing would otherwise write a new index and move
 * every tag and alias to bytes describing the very same images. Reusing the existing index keeps them in place
 * (and keeps the revision of the commit that really built those images).
 */
import { formatPlatform, type RegistryClient } from '../registry';
import type { BuiltIndex } from '../registry/image-index';
import type { Reference } from '../registry/reference';
import { RegistryError } from '../registry';

export interface ExistingIndex extends BuiltIndex {
  mediaType: string;
  /** Where it was found. */
  found: Reference;
}

export async function findEquivalentIndex(
  client: RegistryClient,
  candidates: readonly Reference[],
  built: BuiltIndex,
): Promise<ExistingIndex | undefined> {
  const wanted = entriesOf(built.index.manifests);
  for (const candidate of candidates) {
    let fetched;
    try {
      fetched = await client.getManifest(candidate);
    } catch (error) {
      if (error instanceof RegistryError && error.status === 404) continue;
      throw error;
    }
    if (fetched.parsed.kind !== 'index') continue;
    if (entriesOf(fetched.parsed.index.manifests) !== wanted) continue;
    return {
      index: fetched.parsed.index,
      bytes: fetched.bytes,
      digest: fetched.digest,
      mediaType: fetched.mediaType,
      found: candidate,
    };
  }
  return undefined;
}

function entriesOf(
  manifests: ReadonlyArray<{ digest: string; platform?: Parameters<typeof formatPlatform>[0] }>,
): string {
  return manifests
    .map((m) => `${m.platform ? formatPlatform(m.platform) : '?'} ${m.digest}`)
    .sort()
    .join('\n');
}
