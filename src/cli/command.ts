import type { Logger } from '../core/shared/logger';

/** What a command gets from the process: where it runs and where it prints. Tests pass their own. */
export interface CliContext {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  logger: Logger;
}

export interface OptionSpec {
  type: 'string' | 'boolean';
  multiple?: boolean;
  short?: string;
  /** Placeholder shown in help, e.g. `ID`. */
  value?: string;
  description: string;
}

export interface ParsedCommandLine {
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  positionals: string[];
}

export interface Command {
  name: string;
  summary: string;
  /** Positional arguments as shown in usage, e.g. `[image[:tag]]...`. */
  args?: string;
  /** Longer help text: what the command does, its output, examples. */
  description: string;
  options: Record<string, OptionSpec>;
  /** Returns the exit code (0 ok, 1 an operation failed); throws ConfigError/UsageError for bad input. */
  run(commandLine: ParsedCommandLine, context: CliContext): Promise<number>;
}
