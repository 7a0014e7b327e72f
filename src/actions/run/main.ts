import * as core from '@actions/core';
import { commands } from '../../cli/commands';
import { runCli } from '../../cli/run-cli';
import { OperationError } from '../../core/shared/errors';
import { actionLogger } from '../shared/action-logger';
import { projectDirectory } from '../shared/workspace';
import type { RunInputs } from './inputs';

/** Runs one image-manager command, exactly as the CLI would, with GitHub annotations and step outputs. */
export async function run(inputs: RunInputs): Promise<void> {
  let stdout = '';
  const code = await runCli([inputs.command, ...inputs.args], commands, {
    cwd: projectDirectory(inputs.workingDirectory),
    env: process.env,
    stdout: (text) => {
      stdout += text;
      process.stdout.write(text);
    },
    stderr: (text) => process.stderr.write(text),
    logger: actionLogger,
  });
  core.setOutput('exit-code', String(code));
  core.setOutput('stdout', stdout);
  if (code !== 0) throw new OperationError(`image-manager ${inputs.command} exited with code ${code}`);
}
