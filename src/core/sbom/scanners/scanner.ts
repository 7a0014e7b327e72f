/** What generating an SBOM needs from a scanner (syft, trivy): scan a docker-archive into one file of one format. */
import type { Exec } from '../../shared/exec';
import type { Logger } from '../../shared/logger';
import type { SbomFormat } from '../sbom-format';

export type ScannerName = 'syft' | 'trivy';
export const SCANNER_NAMES: readonly ScannerName[] = ['syft', 'trivy'];

export interface ScanRequest {
  /** docker-archive tar of one platform image. */
  archive: string;
  format: SbomFormat;
  /** Where the scanner writes its (raw) output. */
  output: string;
}

export interface SbomScanner {
  readonly name: ScannerName;
  /** e.g. `1.46.0` when known before scanning; otherwise read from the SBOM the scanner writes. */
  readonly version?: string;
  readonly binary: string;
  supports(format: SbomFormat): boolean;
  /** The command line for a request (exposed so it can be checked without running the scanner). */
  commandLine(request: ScanRequest): { args: string[]; env: NodeJS.ProcessEnv };
  scan(request: ScanRequest): Promise<void>;
}

export interface ScannerContext {
  exec: Exec;
  env: NodeJS.ProcessEnv;
  log: Logger;
}
