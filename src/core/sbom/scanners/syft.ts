/**
 * syft (anchore), the scanner users expect: `syft scan docker-archive:<tar> -o <format>=<file>`. CycloneDX and SPDX
 * versions are pinned in the format argument so the output does not change with the syft release.
 */
import { CYCLONEDX_SPEC_VERSION, SPDX_VERSION, type SbomFormat } from '../sbom-format';
import { findExecutable } from './find-executable';
import { runScanner } from './run-scanner';
import type { SbomScanner, ScannerContext, ScanRequest } from './scanner';

const OUTPUT_FORMATS: Record<SbomFormat, string> = {
  'cyclonedx-json': `cyclonedx-json@${CYCLONEDX_SPEC_VERSION}`,
  'spdx-json': `spdx-json@${SPDX_VERSION}`,
  'syft-json': 'syft-json',
};

export function createSyftScanner(context: ScannerContext, binary: string, version?: string): SbomScanner {
  const scanner: SbomScanner = {
    name: 'syft',
    version,
    binary,
    supports: () => true,
    commandLine(request: ScanRequest) {
      return {
        args: [
          'scan',
          `docker-archive:${request.archive}`,
          '-o',
          `${OUTPUT_FORMATS[request.format]}=${request.output}`,
          '-q',
        ],
        // No update check: CI runs must not depend on (or wait for) GitHub.
        env: { ...context.env, SYFT_CHECK_FOR_APP_UPDATE: 'false' },
      };
    },
    scan: (request) => runScanner(context, 'syft', binary, scanner.commandLine(request), request),
  };
  return scanner;
}

/** The syft on PATH (or `binary`), or undefined when there is none. */
export function findSyft(context: ScannerContext, binary = 'syft'): SbomScanner | undefined {
  const found = findExecutable(binary, context.env);
  return found ? createSyftScanner(context, found) : undefined;
}
