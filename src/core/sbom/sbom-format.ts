/** The SBOM formats we write, their file names, and the CycloneDX version we ask scanners for. */
import type { SbomRecord } from '../records/records';
import { didYouMean } from '../shared/did-you-mean';
import { UsageError } from '../shared/errors';

export type SbomFormat = SbomRecord['format'];
export const SBOM_FORMATS: readonly SbomFormat[] = ['cyclonedx-json', 'spdx-json', 'syft-json'];
export const DEFAULT_SBOM_FORMAT: SbomFormat = 'cyclonedx-json';

/**
 * GitLab's `artifacts:reports:cyclonedx` reads CycloneDX JSON 1.4 to 1.6. 1.5 is what the trivy build we can run
 * here emits and what syft is asked for, so every scanner yields the same version.
 */
export const CYCLONEDX_SPEC_VERSION = '1.5';
export const SPDX_VERSION = '2.3';

const FILE_NAMES: Record<SbomFormat, string> = {
  'cyclonedx-json': 'sbom.cyclonedx.json',
  'spdx-json': 'sbom.spdx.json',
  'syft-json': 'sbom.syft.json',
};

export function sbomFileName(format: SbomFormat): string {
  return FILE_NAMES[format];
}

export function parseSbomFormat(text: string): SbomFormat {
  if ((SBOM_FORMATS as readonly string[]).includes(text)) return text as SbomFormat;
  const suggestion = didYouMean(text, SBOM_FORMATS);
  throw new UsageError(
    `unknown SBOM format "${text}": use one of ${SBOM_FORMATS.join(', ')}` +
      (suggestion ? ` (did you mean "${suggestion}"?)` : ''),
  );
}
