/**
 * Runs one build tool command the way every builder needs it: the (redacted) command line logged first, output
 * streamed line by line with a prefix so parallel builds stay readable, and a failure turned into an
 * OperationError that carries the last lines of the tool's output (the part that says what went wrong).
 */
import { OperationError } from '../shared/errors';
import { describeCommand, type Exec, type ExecResult } from '../shared/exec';
import type { Logger } from '../shared/logger';
import { redact } from '../shared/redact';

export interface ToolRunOptions {
  exec: Exec;
  env: NodeJS.ProcessEnv;
  log: Logger;
  /** Put in front of every streamed output line, e.g. `[python:3.13-linux-arm64] `. */
  prefix: string;
  /** What the step is, for the error message: `buildah bud for 127.0.0.1:5050/x:1-linux-amd64`. */
  what: string;
  /** Extra sentence appended to the error when the output matches. */
  hints?: Array<{ pattern: RegExp; hint: string }>;
  /** Values to mask in logged output and errors in addition to the globally registered secrets. */
  secrets?: string[];
  cwd?: string;
  /** Stream output at debug level instead of info (for noisy helper commands). */
  quiet?: boolean;
}

const TAIL_LINES = 40;

export interface ToolOutput extends ExecResult {
  /** stdout and stderr interleaved in arrival order. */
  combined: string;
}

export async function runTool(command: string, args: string[], options: ToolRunOptions): Promise<ToolOutput> {
  const mask = (text: string) => maskSecrets(text, options.secrets);
  const emit = (line: string) => {
    const message = `${options.prefix}${mask(line)}`;
    if (options.quiet) options.log.debug(message);
    else options.log.info(message);
  };
  const commandLine = `${options.prefix}$ ${mask(describeCommand(command, args))}`;
  if (options.quiet) options.log.debug(commandLine);
  else options.log.info(commandLine);
  let combined = '';
  const stdout = new LineSplitter(emit);
  const stderr = new LineSplitter(emit);
  let result: ExecResult;
  try {
    result = await options.exec(command, args, {
      env: options.env,
      cwd: options.cwd,
      onStdout: (chunk) => {
        combined += chunk;
        stdout.push(chunk);
      },
      onStderr: (chunk) => {
        combined += chunk;
        stderr.push(chunk);
      },
    });
  } catch (error) {
    throw new OperationError(`${options.what} could not start: ${mask((error as Error).message)}`, { cause: error });
  }
  stdout.flush();
  stderr.flush();
  if (combined === '') combined = result.stdout + result.stderr;
  if (result.exitCode !== 0) {
    const hint = options.hints?.find((h) => h.pattern.test(combined))?.hint;
    throw new OperationError(
      `${options.what} failed (exit code ${result.exitCode}).${hint ? ` ${hint}` : ''}\n` +
        `Last lines of output:\n${mask(outputTail(combined))}`,
    );
  }
  return { ...result, combined };
}

/** `127.0.0.1:5050/team/python:3.13-linux-arm64` → `[python:3.13-linux-arm64] `: short, yet unique per build. */
export function logPrefixFor(pushRef: string): string {
  return `[${pushRef.slice(pushRef.lastIndexOf('/') + 1)}] `;
}

export function outputTail(output: string, lines = TAIL_LINES): string {
  const all = output.replace(/\r/g, '\n').split('\n');
  while (all.length > 0 && all[all.length - 1].trim() === '') all.pop();
  return all.slice(-lines).join('\n');
}

function maskSecrets(text: string, secrets: string[] | undefined): string {
  let out = text;
  for (const secret of secrets ?? []) if (secret.length >= 3) out = out.split(secret).join('***');
  return redact(out);
}

/** Turns arbitrary chunks into whole lines; a trailing partial line waits for the next chunk or flush(). */
class LineSplitter {
  private pending = '';
  constructor(private readonly emit: (line: string) => void) {}
  push(chunk: string): void {
    const parts = (this.pending + chunk).split(/\r?\n/);
    this.pending = parts.pop() ?? '';
    for (const line of parts) this.emit(line);
  }
  flush(): void {
    if (this.pending !== '') this.emit(this.pending);
    this.pending = '';
  }
}
