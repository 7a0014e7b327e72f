/**
 * The platform image the registry already has for a tag: under the run's own per-platform tag (a re-run of the
 * same snapshot, or a release build), else under the release per-platform tag that promotion wrote (what the
 * default branch last published: the usual base line for a pull request's snapshot). Its input labels say what
 * it was built from.
 */
import { RegistryError, type RegistryClient } from '../registry';
import { parseReference, withDigest } from '../registry/reference';
import { OperationError } from '../shared/errors';
import { readInputLabels } from './input-parts';
import type { PreviousInputs } from './rebuild-reasons';

export interface ExistingImage extends PreviousInputs {
  /** Manifest digest of the existing platform image. */
  imageDigest: string;
  labels: Record<string, string>;
}

/** The first of `refs` (full references with a tag) that the registry holds as a single-platform image. */
export async function findExistingImage(
  client: RegistryClient,
  refs: readonly string[],
): Promise<ExistingImage | undefined> {
  for (const ref of [...new Set(refs)]) {
    const found = await readImage(client, ref);
    if (found) return found;
  }
  return undefined;
}

async function readImage(client: RegistryClient, ref: string): Promise<ExistingImage | undefined> {
  const reference = parseReference(ref);
  try {
    const manifest = await client.getManifest(reference);
    // An index under a per-platform tag is not something we pushed: treat as nothing to compare with (rebuild).
    if (manifest.parsed.kind !== 'image') return undefined;
    const bytes = await client.getBlob(withDigest(reference, manifest.digest), manifest.parsed.manifest.config.digest);
    const config = JSON.parse(Buffer.from(bytes).toString('utf8')) as { config?: { Labels?: Record<string, string> } };
    const labels = config.config?.Labels ?? {};
    return { ref, imageDigest: manifest.digest, labels, ...readInputLabels(labels) };
  } catch (error) {
    if (error instanceof RegistryError && error.status === 404) return undefined;
    throw new OperationError(`cannot read ${ref} to compare its inputs: ${(error as Error).message}`, { cause: error });
  }
}
