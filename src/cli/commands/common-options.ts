import * as path from 'node:path';
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
