import { parseSbomFormat, SCANNER_NAMES, type SbomFormat } from '../../core/sbom';
import type { ScannerName } from '../../core/sbom/scanners/scanner';
import { didYouMean } from '../../core/shared/did-you-mean';
import { UsageError } from '../../core/shared/errors';
import { listInput, optionalInput } from '../shared/inputs';
import type { StepInputs } from '../shared/step-environment';

export interface SbomInputs extends StepInputs {
  /** `image`, `image:tag` or `image:alias` arguments; empty means the whole catalog. */
  images: string[];
  /** Empty: every configured platform that was built. */
  platform?: string;
  format: SbomFormat;
  scanner: ScannerName | 'auto';
}

/** The only place the sbom action reads its inputs (declared in actions/sbom/action.yml). */
export function getInputs(): SbomInputs {
  return {
    images: listInput('image'),
    platform: optionalInput('platform'),
    snapshotId: optionalInput('snapshot-id'),
    token: optionalInput('token'),
    format: parseSbomFormat(optionalInput('format') ?? 'cyclonedx-json'),
    scanner: scannerInput(optionalInput('scanner') ?? 'auto'),
    workingDirectory: optionalInput('working-directory'),
    registry: optionalInput('registry'),
  };
}

function scannerInput(value: string): ScannerName | 'auto' {
  const names: readonly string[] = [...SCANNER_NAMES, 'auto'];
  if (names.includes(value)) return value as ScannerName | 'auto';
  const suggestion = didYouMean(value, names);
  throw new UsageError(
    `input "scanner": unknown scanner "${value}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; use ${names.join(', ')}`,
  );
}
