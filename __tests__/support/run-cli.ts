/** Runs the CLI in-process, the way `image-manager …` would, capturing what it prints. */
import { commands } from '../../src/cli/commands';
import { createConsoleLogger } from '../../src/cli/console-logger';
import { runCli } from '../../src/cli/run-cli';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const env = { ...process.env, NO_COLOR: '1', ...options.env };
  const writeErr = (text: string) => {
    stderr += text;
  };
  const code = await runCli(args, commands, {
    cwd: options.cwd,
    env,
    stdout: (text) => {
      stdout += text;
    },
    stderr: writeErr,
    logger: createConsoleLogger(writeErr, env, false),
  });
  return { code, stdout, stderr };
}
