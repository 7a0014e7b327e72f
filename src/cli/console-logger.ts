import { formatLocation } from '../core/shared/errors';
import type { Logger } from '../core/shared/logger';
import { redact } from '../core/shared/redact';

/** Human-facing log lines on stderr, so stdout stays clean for `--json` output. Respects NO_COLOR. */
export function createConsoleLogger(write: (text: string) => void, env: NodeJS.ProcessEnv, isTTY: boolean): Logger {
  const color = isTTY && !env.NO_COLOR && env.TERM !== 'dumb';
  const paint = (code: string, text: string) => (color ? `\x1b[${code}m${text}\x1b[0m` : text);
  const debugEnabled = env.IMAGE_MANAGER_DEBUG === '1' || env.RUNNER_DEBUG === '1';
  const where = (location?: { file: string; line?: number; column?: number }) =>
    location ? `${formatLocation(location)}: ` : '';
  return {
    info: (message) => write(`${redact(message)}\n`),
    warn: (message, location) => write(`${paint('33', 'warning:')} ${where(location)}${redact(message)}\n`),
    error: (message, location) => write(`${paint('31', 'error:')} ${where(location)}${redact(message)}\n`),
    debug: (message) => {
      if (debugEnabled) write(`${paint('2', `debug: ${redact(message)}`)}\n`);
    },
  };
}
