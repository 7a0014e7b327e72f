/**
 * Progress lines for long runs: `[2/7] lua:5.4.4 linux/arm64 … built in 4.1 s`. Each unit gets its number when it
 * starts (or is skipped), so numbers count up in the order things happen even with parallel jobs.
 */
import type { Logger } from '../shared/logger';

export function formatDuration(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return `${minutes} min ${String(seconds).padStart(2, '0')} s`;
}

/** `sha256:0123456789ab…`: enough to recognise a digest in a log line. */
export function shortDigest(digest: string): string {
  return digest.length > 19 ? `${digest.slice(0, 19)}…` : digest;
}

export class ProgressReporter {
  private next = 0;
  private readonly numbers = new Map<string, string>();

  constructor(
    private readonly total: number,
    private readonly logger: Logger,
  ) {}

  private number(id: string): string {
    let n = this.numbers.get(id);
    if (!n) {
      n = `[${++this.next}/${this.total}]`;
      this.numbers.set(id, n);
    }
    return n;
  }

  started(id: string, what: string): void {
    this.logger.info(`${this.number(id)} ${id} … ${what}`);
  }

  succeeded(id: string, what: string): void {
    this.logger.info(`${this.number(id)} ${id} … ${what}`);
  }

  failed(id: string, ms: number, message: string): void {
    this.logger.error(`${this.number(id)} ${id} … FAILED after ${formatDuration(ms)}: ${message}`);
  }

  skipped(id: string, reason: string): void {
    this.logger.warn(`${this.number(id)} ${id} … skipped: ${reason}`);
  }
}
