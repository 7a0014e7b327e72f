import * as core from '@actions/core';
import { ConfigError, formatProblem, OperationError, UsageError } from '../../core/shared/errors';
import { onSecretRegistered, redact } from '../../core/shared/redact';

/**
 * The one try/catch of an action: user errors become annotations on their file and line plus a failure message;
 * a failed operation fails the step with its message; anything else is a bug and keeps its stack trace.
 */
export async function runAction(main: () => Promise<void>): Promise<void> {
  onSecretRegistered((secret) => core.setSecret(secret));
  try {
    await main();
  } catch (error) {
    if (error instanceof ConfigError) {
      for (const problem of error.problems) {
        core.error(redact(formatProblem({ ...problem, location: undefined })), {
          title: 'image-manager: invalid configuration',
          file: problem.location?.file,
          startLine: problem.location?.line,
          startColumn: problem.location?.column,
        });
      }
      core.setFailed(`${error.problems.length} problem(s) in the catalog configuration; see the annotations`);
    } else if (error instanceof UsageError || error instanceof OperationError) {
      core.setFailed(redact(error.message));
    } else {
      core.setFailed(`internal error (please report it): ${redact((error as Error)?.stack ?? String(error))}`);
    }
  }
}
