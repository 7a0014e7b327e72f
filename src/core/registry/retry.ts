/**
 * Retries for registry requests: exponential backoff with full jitter (so parallel CI jobs hitting one registry do
 * not retry in lockstep) on connection failures, timeouts, 429 and 5xx; never on other 4xx, which a retry cannot
 * fix. Attempts and total time are bounded, and time comes from an injectable clock so tests never wait.
 */

export interface RetryPolicy {
  /** Attempts in total, the first one included. */
  maxAttempts: number;
  /** No new attempt starts when waiting for it would go past this many ms since the first attempt. */
  maxTotalMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A server's Retry-After is honoured up to this many ms. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  maxTotalMs: 120_000,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
};

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
  /** In [0, 1), for jitter. */
  random(): number;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: () => Math.random(),
};

/** 429 and server errors are worth retrying; 501/505 say the server will never do it. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599 && status !== 501 && status !== 505);
}

const RETRYABLE_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);
const RETRYABLE_MESSAGES = /socket hang up|other side closed|terminated|ECONNRESET|network error/i;

/** Connection-level failures and timeouts, looking through undici's `fetch failed` wrapper (`cause`). */
export function isRetryableError(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const candidate = e as { name?: string; code?: string; message?: string };
    if (candidate.name === 'TimeoutError' || candidate.name === 'AbortError') return true;
    if (candidate.code && RETRYABLE_CODES.has(candidate.code)) return true;
    if (typeof candidate.message === 'string' && RETRYABLE_MESSAGES.test(candidate.message)) return true;
  }
  return false;
}

/** `Retry-After` as delay-seconds or an HTTP-date, in ms from `nowMs`; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (!value) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

/** Full jitter: uniformly random in [0, min(max, base·2^retry)). */
export function backoffDelay(retryIndex: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retryIndex);
  return Math.floor(random() * ceiling);
}

export interface RetryDecision {
  retry: boolean;
  /** A wait the server asked for (Retry-After), used instead of the backoff. */
  retryAfterMs?: number;
}

export interface RetryInfo {
  attempt: number;
  delayMs: number;
  reason: string;
}

export interface RetryOptions<T> {
  policy: RetryPolicy;
  clock: Clock;
  /** Whether a returned value (an HTTP response) should be retried. */
  classify?: (value: T) => RetryDecision;
  /** Describes a value that is retried, for logs (`HTTP 503`). */
  describe?: (value: T) => string;
  onRetry?: (info: RetryInfo) => void;
  /** Which thrown errors are worth another attempt; default: connection failures and timeouts. */
  isRetryable?: (error: unknown) => boolean;
}

/** Thrown when every attempt failed with a retryable error; carries the last one. */
export class RetriesExhaustedError extends Error {
  constructor(
    readonly lastError: unknown,
    readonly attempts: number,
  ) {
    super(`gave up after ${attempts} attempts: ${errorText(lastError)}`, { cause: lastError });
    this.name = 'RetriesExhaustedError';
  }
}

/**
 * Runs `operation` until it returns a value that needs no retry, or attempts/time run out. A retryable value that
 * is still there at the end is returned (the caller turns its status into an error); a retryable error that is
 * still there is thrown as RetriesExhaustedError; other errors are thrown at once.
 */
export async function withRetry<T>(
  operation: (attempt: number) => Promise<T>,
  options: RetryOptions<T>,
): Promise<{ value: T; attempts: number }> {
  const { policy, clock } = options;
  const started = clock.now();
  for (let attempt = 1; ; attempt++) {
    let wait: number;
    let reason: string;
    try {
      const value = await operation(attempt);
      const decision = options.classify?.(value) ?? { retry: false };
      if (!decision.retry) return { value, attempts: attempt };
      wait =
        decision.retryAfterMs !== undefined
          ? Math.min(decision.retryAfterMs, policy.maxRetryAfterMs)
          : backoffDelay(attempt - 1, policy, clock.random);
      reason = options.describe?.(value) ?? 'retryable result';
      if (!canRetry(attempt, wait, started, options)) return { value, attempts: attempt };
    } catch (error) {
      if (!(options.isRetryable ?? isRetryableError)(error)) throw error;
      wait = backoffDelay(attempt - 1, policy, clock.random);
      reason = errorText(error);
      if (!canRetry(attempt, wait, started, options)) throw new RetriesExhaustedError(error, attempt);
    }
    options.onRetry?.({ attempt, delayMs: wait, reason });
    await clock.sleep(wait);
  }
}

function canRetry<T>(attempt: number, wait: number, started: number, options: RetryOptions<T>): boolean {
  if (attempt >= options.policy.maxAttempts) return false;
  return options.clock.now() - started + wait <= options.policy.maxTotalMs;
}

/** `fetch failed: connect ECONNREFUSED 127.0.0.1:1` — the wrapper plus its cause, which says what happened. */
export function errorText(error: unknown): string {
  const parts: string[] = [];
  for (let e = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    // Duck-typed: errors from Node internals may come from another realm (jest, vm), failing `instanceof Error`.
    const candidate = (e as { message?: unknown }).message;
    const message = typeof candidate === 'string' ? candidate : String(e);
    if (message && !parts.includes(message)) parts.push(message);
  }
  return parts.join(': ') || 'unknown error';
}
