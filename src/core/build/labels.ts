/**
 * The OCI annotation keys (image-spec annotations.md) written as image labels, built from plain inputs. Every value
 * is a function of the inputs: `created` comes from SOURCE_DATE_EPOCH / the commit time, never the wall clock, so
 * two builds of the same commit produce the same config and the same digest (PoC B29).
 */

export const OCI_LABEL = {
  title: 'org.opencontainers.image.title',
  version: 'org.opencontainers.image.version',
  revision: 'org.opencontainers.image.revision',
  source: 'org.opencontainers.image.source',
  created: 'org.opencontainers.image.created',
  description: 'org.opencontainers.image.description',
  licenses: 'org.opencontainers.image.licenses',
  vendor: 'org.opencontainers.image.vendor',
  authors: 'org.opencontainers.image.authors',
  url: 'org.opencontainers.image.url',
  documentation: 'org.opencontainers.image.documentation',
  baseName: 'org.opencontainers.image.base.name',
  baseDigest: 'org.opencontainers.image.base.digest',
} as const;

export interface OciLabelInputs {
  /** Image name (`python`), the title. */
  image: string;
  /** Tag being built (`3.13.7-slim`), the version. */
  tag: string;
  revision?: string;
  /** Browsable repository URL (see git-info.ts `publicSourceUrl`). */
  source?: string;
  /** Seconds since the epoch (SOURCE_DATE_EPOCH or the commit time). Left out when unknown. */
  createdEpoch?: number;
  description?: string;
  licenses?: string;
  vendor?: string;
  authors?: string;
  /** May contain `%image%` and `%tag%`. */
  url?: string;
  /** May contain `%image%` and `%tag%`. */
  documentation?: string;
  /** The FROM reference of the final stage, as written before any registry rewrite. */
  baseName?: string;
  baseDigest?: string;
}

/** The label set, in a fixed key order; empty or missing inputs produce no label. */
export function buildOciLabels(inputs: OciLabelInputs): Record<string, string> {
  const expand = (text: string | undefined) => (text === undefined ? undefined : expandPlaceholders(text, inputs));
  const entries: Array<[string, string | undefined]> = [
    [OCI_LABEL.title, inputs.image],
    [OCI_LABEL.version, inputs.tag],
    [OCI_LABEL.created, inputs.createdEpoch === undefined ? undefined : formatCreated(inputs.createdEpoch)],
    [OCI_LABEL.revision, inputs.revision],
    [OCI_LABEL.source, inputs.source],
    [OCI_LABEL.description, inputs.description],
    [OCI_LABEL.licenses, inputs.licenses],
    [OCI_LABEL.vendor, inputs.vendor],
    [OCI_LABEL.authors, inputs.authors],
    [OCI_LABEL.url, expand(inputs.url)],
    [OCI_LABEL.documentation, expand(inputs.documentation)],
    [OCI_LABEL.baseName, inputs.baseName],
    [OCI_LABEL.baseDigest, inputs.baseDigest],
  ];
  const labels: Record<string, string> = {};
  for (const [key, value] of entries) {
    const trimmed = value?.trim();
    if (trimmed) labels[key] = trimmed;
  }
  return labels;
}

/** `%image%` / `%tag%` in URL templates → the image name / tag. */
export function expandPlaceholders(text: string, values: { image: string; tag: string }): string {
  return text.replace(/%image%/g, values.image).replace(/%tag%/g, values.tag);
}

/** RFC 3339 in UTC without fractional seconds, as the image-spec asks: `2026-01-01T00:00:00Z`. */
export function formatCreated(epochSeconds: number): string {
  if (!Number.isInteger(epochSeconds) || epochSeconds < 0) {
    throw new RangeError(`created timestamp must be whole non-negative seconds, got ${epochSeconds}`);
  }
  return new Date(epochSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
