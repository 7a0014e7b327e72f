/**
 * The library never writes to the console directly: the CLI gives it a console logger, the actions one backed by
 * @actions/core, the tests one that records lines. Messages must never contain credentials; use `redact()`.
 */
export interface Logger {
  info(message: string): void;
  warn(message: string, location?: { file: string; line?: number; column?: number }): void;
  error(message: string, location?: { file: string; line?: number; column?: number }): void;
  debug(message: string): void;
}

export interface RecordedLine {
  level: 'info' | 'warn' | 'error' | 'debug';
  message: string;
}

/** A logger that keeps every line, for tests and for summaries. */
export class MemoryLogger implements Logger {
  readonly lines: RecordedLine[] = [];
  info(message: string): void {
    this.lines.push({ level: 'info', message });
  }
  warn(message: string): void {
    this.lines.push({ level: 'warn', message });
  }
  error(message: string): void {
    this.lines.push({ level: 'error', message });
  }
  debug(message: string): void {
    this.lines.push({ level: 'debug', message });
  }
  messages(level?: RecordedLine['level']): string[] {
    return this.lines.filter((l) => !level || l.level === level).map((l) => l.message);
  }
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {}, debug() {} };
