/** Runs the CLI in-process, the way `image-manager …` would, capturing what it prints. */
import type { Command } from '../../src/cli/command';
import { commands } from '../../src/cli/commands';
import { createConsoleLogger } from '../../src/cli/console-logger';
import { runCli } from '../../src/cli/run-cli';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Every command, with the caller's environment on top of this process's and colours off. */
export function cli(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<CliRun> {
  return runCommands(args, commands, { cwd: options.cwd, env: { ...process.env, NO_COLOR: '1', ...options.env } });
}

/** Only `available` commands (e.g. with injected dependencies), in exactly the environment `env`. */
export async function runCommands(
  args: string[],
  available: Command[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const writeErr = (text: string) => {
    stderr += text;
  };
  const code = await runCli(args, available, {
    cwd: options.cwd,
    env: options.env,
    stdout: (text) => {
      stdout += text;
    },
    stderr: writeErr,
    logger: createConsoleLogger(writeErr, options.env, false),
  });
  return { code, stdout, stderr };
}
