import * as path from 'node:path';
import { loadProjectConfig } from '../../core/config/load-project-config';
import {
  COMBINED_REPORT_FORMATS,
  displayPath,
  formatPlatformTests,
  formatTestRun,
  loadTestConfigs,
  refreshHtmlReport,
  runImageTests,
  writeCombinedReport,
  type CombinedReportFormat,
} from '../../core/image-checks';
import { registryClientFromConfig } from '../../core/publish/registry-from-config';
import { didYouMean } from '../../core/shared/did-you-mean';
import { UsageError } from '../../core/shared/errors';
import { execProcess } from '../../core/shared/exec';
import { RUNTIME_NAMES, type RuntimeName } from '../../core/structure-test';
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

export const testCommand: Command = {
  name: 'test',
  summary: "run each tag's tests (dist/<image>/<tag>/test.yml) against its platform images",
  args: '[image[:tag]]...',
  description: `
Runs the container-structure-test config dist/<image>/<tag>/test.yml of each selected tag (no argument:
every tag) against each platform image <registry>/<image>:<tag>[-ID]-linux-<arch>. File, metadata and
license tests read the image archive; command tests run in a container (docker, podman or buildah,
auto-detected or --runtime; arm64 images run under qemu). Without a runtime, command tests are reported
as not run and the run fails, unless --skip-command-tests says so on purpose.

The image is dist/<image>/<tag>/linux-<arch>/image.tar when build.json beside it names this snapshot's
tag, else it is pulled from the registry (a CI job on another runner than the build). Without
--platform, every configured platform that was built (build.json or the tag in the registry) is tested.
A tag without test.yml has no tests and does not fail.

Writes linux-<arch>/test-report.json and junit.xml for every platform, even when it could not be
tested (promote refuses failed, stale or incomplete reports), and with --output one file for the whole
run: JUnit with a testsuite per tag and platform (for GitLab's artifacts:reports:junit), or a JSON
array of the reports. Exit code 1 when any test failed or could not run.`,
  options: {
    platform: {
      type: 'string',
      multiple: true,
      value: 'PLATFORM',
      description: 'test only this platform (amd64, linux/arm64, …); repeatable; it must have been built',
    },
    ...snapshotOption,
    runtime: {
      type: 'string',
      value: 'NAME',
      description: `container runtime for command tests: ${RUNTIME_NAMES.join(', ')} (default: auto-detect)`,
    },
    report: {
      type: 'string',
      value: 'FORMAT',
      description: `format of the --output file: ${COMBINED_REPORT_FORMATS.join(', ')} (default: junit)`,
    },
    output: { type: 'string', value: 'FILE', description: 'also write one report file for the whole run' },
    'skip-command-tests': {
      type: 'boolean',
      description: 'do not run command tests (reported as skipped; the run can pass without them)',
    },
    ...directoryOption,
  },
  async run(commandLine, context) {
    const { env, logger } = context;
    const runtime = runtimeOption(commandLine);
    const output = outputOptions(commandLine);
    const root = projectRoot(commandLine, context);
    const config = await loadProjectConfig(root, env, logger);
    const catalog = await loadCommandCatalog(commandLine, context, root, config);
    const targets = selectTargets(catalog, commandLine.positionals);
    const selection = platformSelection(commandLine, config);
    const configs = await loadTestConfigs(catalog, targets);
    const show = (file: string) => displayPath(context.cwd, file);
    const results = await runImageTests({
      catalog,
      client: registryClientFromConfig({ config, env, exec: execProcess, logger }),
      configs,
      platforms: selection.platforms,
      explicitPlatforms: !selection.merge,
      skipCommandTests: commandLine.values['skip-command-tests'] === true,
      runtime,
      exec: execProcess,
      env,
      logger,
      onResult: (result) => context.stdout(formatPlatformTests(result, show)),
    });
    const platforms = results.flatMap((result) => result.platforms);
    if (output) {
      const file = path.resolve(context.cwd, output.file);
      await writeCombinedReport(file, output.format, platforms);
      logger.info(`${output.format === 'junit' ? 'JUnit' : 'JSON'} report of the run: ${show(file)}`);
    }
    context.stdout(formatTestRun(results));
    await refreshHtmlReport(path.resolve(root, config.dist_dir), logger);
    return platforms.some((platform) => !platform.passed) ? 1 : 0;
  },
};

function runtimeOption(commandLine: ParsedCommandLine): RuntimeName | 'auto' {
  const value = stringOption(commandLine, 'runtime');
  if (value === undefined || value === 'auto') return 'auto';
  if ((RUNTIME_NAMES as readonly string[]).includes(value)) return value as RuntimeName;
  const suggestion = didYouMean(value, RUNTIME_NAMES);
  throw new UsageError(
    `--runtime ${value}: unknown container runtime${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; use one of ${RUNTIME_NAMES.join(', ')}`,
  );
}

function outputOptions(commandLine: ParsedCommandLine): { file: string; format: CombinedReportFormat } | undefined {
  const format = stringOption(commandLine, 'report');
  const file = stringOption(commandLine, 'output');
  if (format !== undefined && !(COMBINED_REPORT_FORMATS as readonly string[]).includes(format)) {
    const suggestion = didYouMean(format, COMBINED_REPORT_FORMATS);
    throw new UsageError(
      `--report ${format}: unknown report format${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; use one of ${COMBINED_REPORT_FORMATS.join(', ')}`,
    );
  }
  if (file === undefined) {
    if (format !== undefined) {
      throw new UsageError(
        `--report ${format} needs --output FILE: the per-platform reports are always written beside each image`,
      );
    }
    return undefined;
  }
  return { file, format: (format as CombinedReportFormat | undefined) ?? 'junit' };
}
