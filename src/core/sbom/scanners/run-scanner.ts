/**
 * Runs a scanner command and makes sure it produced a file: trivy, for one, exits without output and without a
 * message on inputs it does not understand (an oci-archive), which must not pass as an empty SBOM.
 */
import { promises as fs } from 'node:fs';
import { runTool } from '../../build/tool-run';
import { OperationError } from '../../shared/errors';
import type { ScannerContext, ScanRequest } from './scanner';

export async function runScanner(
  context: ScannerContext,
  scanner: string,
  binary: string,
  commandLine: { args: string[]; env: NodeJS.ProcessEnv },
  request: ScanRequest,
): Promise<void> {
  await fs.rm(request.output, { force: true });
  await runTool(binary, commandLine.args, {
    exec: context.exec,
    env: commandLine.env,
    log: context.log,
    prefix: `[${scanner}] `,
    what: `${scanner} scan of ${request.archive}`,
    quiet: true,
    hints: [
      {
        pattern: /archive\/tar|unable to open|no such file|not a valid/i,
        hint: 'The input must be a docker-archive tar (`buildah push IMAGE docker-archive:FILE:NAME`).',
      },
    ],
  });
  const size = await fs
    .stat(request.output)
    .then((stat) => stat.size)
    .catch(() => 0);
  if (size === 0) {
    throw new OperationError(
      `${scanner} finished but wrote no SBOM to ${request.output}: is ${request.archive} a docker-archive ` +
        '(not an oci-archive)?',
    );
  }
}
