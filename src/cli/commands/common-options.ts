import * as path from 'node:path';
import type { PlatformSelection } from '../../core/build-run/platforms';
import { selectPlatforms } from '../../core/build-run/platforms';
import type { ProjectConfig } from '../../core/config/types';
import type { Catalog } from '../../core/generate/catalog';
import { loadCatalog } from '../../core/generate/load-catalog';
import type { CliContext, OptionSpec, ParsedCommandLine } from '../command';

/** Options most commands share. */
export const directoryOption: Record<string, OptionSpec> = {
  directory: { type: 'string', short: 'C', value: 'DIR', description: 'project root (default: the current directory)' },
};

export const snapshotOption: Record<string, OptionSpec> = {
  'snapshot-id': {
    type: 'string',
    value: 'ID',
    description: 'snapshot builds (pull/merge requests): every tag gets the suffix -ID, e.g. 3.13.7-mr-42',
  },
};

export function projectRoot(commandLine: ParsedCommandLine, context: CliContext): string {
  const dir = commandLine.values.directory;
  return path.resolve(context.cwd, typeof dir === 'string' ? dir : '.');
}

export function stringOption(commandLine: ParsedCommandLine, name: string): string | undefined {
  const value = commandLine.values[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The catalog of the project at `root` for the run's `--snapshot-id` (with the config when already loaded). */
export function loadCommandCatalog(
  commandLine: ParsedCommandLine,
  context: CliContext,
  root: string,
  config?: ProjectConfig,
): Promise<Catalog> {
  return loadCatalog({
    root,
    env: context.env,
    snapshotId: stringOption(commandLine, 'snapshot-id'),
    logger: context.logger,
    ...(config ? { config } : {}),
  });
}

/** The platforms `--platform` names (all configured ones without it), and whether the run merges them. */
export function platformSelection(commandLine: ParsedCommandLine, config: ProjectConfig): PlatformSelection {
  return selectPlatforms(config, (commandLine.values.platform as string[] | undefined) ?? []);
}
