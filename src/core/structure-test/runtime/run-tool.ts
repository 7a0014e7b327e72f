/**
 * Running runtime CLIs for command tests: plain result for the test's own commands (their exit code is data), and
 * a checked variant for the bookkeeping around them (load, create, rm) where a failure is an OperationError with
 * the tool's last output lines.
 */
import { OperationError } from '../../shared/errors';
import { describeCommand, type ExecOptions } from '../../shared/exec';
import { redact } from '../../shared/redact';
import type { ProcessResult, RuntimeContext } from './container-runtime';

export async function runCommand(
  context: RuntimeContext,
  binary: string,
  args: string[],
  options: Omit<ExecOptions, 'env'> = {},
): Promise<ProcessResult> {
  context.log.debug(`$ ${describeCommand(binary, args)}`);
  const started = Date.now();
  const result = await context.exec(binary, args, { ...options, env: context.env });
  const timedOut = options.timeoutMs !== undefined && Date.now() - started >= options.timeoutMs;
  return { ...result, timedOut };
}

export async function runChecked(
  context: RuntimeContext,
  binary: string,
  args: string[],
  what: string,
  options: Omit<ExecOptions, 'env'> = {},
): Promise<ProcessResult> {
  let result: ProcessResult;
  try {
    result = await runCommand(context, binary, args, options);
  } catch (error) {
    throw new OperationError(`${what}: ${binary} could not be started: ${(error as Error).message}`, { cause: error });
  }
  if (result.exitCode !== 0) {
    const tail = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-15).join('\n');
    throw new OperationError(`${what} failed (exit code ${result.exitCode}): ${redact(tail)}`);
  }
  return result;
}

/** Tries a bookkeeping command whose failure only deserves a warning (cleanup). */
export async function runQuietly(context: RuntimeContext, binary: string, args: string[], what: string): Promise<void> {
  try {
    const result = await runCommand(context, binary, args, { timeoutMs: 60000 });
    if (result.exitCode !== 0) context.log.warn(`${what} failed: ${redact(result.stderr.trim())}`);
  } catch (error) {
    context.log.warn(`${what} failed: ${(error as Error).message}`);
  }
}
