/**
 * A platform image the registry already has for a tag (see unit-decision.ts for where it is looked for), with the
 * input labels that say what it was built from.
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

/** The single-platform image the registry holds under `ref` (a full reference with a tag), if any. */
export async function readExistingImage(client: RegistryClient, ref: string): Promise<ExistingImage | undefined> {
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
