import {
  backoffDelay,
  DEFAULT_RETRY_POLICY,
  isRetryableError,
  isRetryableStatus,
  parseRetryAfter,
  RetriesExhaustedError,
  withRetry,
  type RetryPolicy,
} from '../../../src/core/registry/retry';

const NOW = Date.parse('2026-11-26T12:00:00Z');

/** A fake clock: time only moves when the code sleeps. */
function fakeClock(random = 0.5) {
  let now = NOW;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
    random: () => random,
  };
}

const policy: RetryPolicy = {
  maxAttempts: 4,
  maxTotalMs: 60_000,
  baseDelayMs: 100,
  maxDelayMs: 1_000,
  maxRetryAfterMs: 5_000,
};

function errorWithCode(code: string): Error {
  return Object.assign(new Error(`connect ${code} 127.0.0.1:1`), { code });
}

describe('retry classification', () => {
  it.each([
    [200, false],
    [400, false],
    [401, false],
    [403, false],
    [404, false],
    [405, false],
    [416, false],
    [429, true],
    [500, true],
    [501, false],
    [502, true],
    [503, true],
    [504, true],
    [505, false],
  ])('HTTP %i retryable: %s', (status, expected) => {
    expect(isRetryableStatus(status)).toBe(expected);
  });

  it.each([
    ['ECONNRESET wrapped by fetch', new TypeError('fetch failed', { cause: errorWithCode('ECONNRESET') }), true],
    ['ECONNREFUSED', new TypeError('fetch failed', { cause: errorWithCode('ECONNREFUSED') }), true],
    ['undici socket closed', new TypeError('terminated', { cause: errorWithCode('UND_ERR_SOCKET') }), true],
    ['socket hang up', new Error('socket hang up'), true],
    ['our idle timeout', new DOMException('no response', 'TimeoutError'), true],
    ['ETIMEDOUT', errorWithCode('ETIMEDOUT'), true],
    ['a bug', new TypeError('Cannot read properties of undefined'), false],
    ['a digest mismatch', new Error('digest mismatch'), false],
  ])('%s retryable: %s', (_name, error, expected) => {
    expect(isRetryableError(error)).toBe(expected);
  });

  it.each([
    ['3', 3000],
    ['0', 0],
    [' 120 ', 120_000],
    ['Thu, 26 Nov 2026 12:00:07 GMT', 7000],
    ['Thu, 26 Nov 2026 11:00:00 GMT', 0],
    ['soon', undefined],
    ['', undefined],
    [null, undefined],
  ])('Retry-After %j → %j ms', (value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });

  it.each([
    [0, 0.999, 99],
    [1, 0.999, 199],
    [3, 0.999, 799],
    [10, 0.999, 999],
    [2, 0, 0],
  ])('full jitter: retry %i with random %f waits %i ms', (retry, random, expected) => {
    expect(backoffDelay(retry, policy, () => random)).toBe(expected);
  });

  it('has bounded defaults', () => {
    expect(DEFAULT_RETRY_POLICY.maxAttempts).toBeGreaterThan(1);
    expect(DEFAULT_RETRY_POLICY.maxTotalMs).toBeLessThanOrEqual(300_000);
  });
});

describe('withRetry', () => {
  const classify = (status: number) => ({ retry: isRetryableStatus(status) });

  it('retries retryable results with growing jittered waits until one succeeds', async () => {
    const clock = fakeClock(0.5);
    const statuses = [503, 500, 200];
    const { value, attempts } = await withRetry(async () => statuses.shift() ?? 0, { policy, clock, classify });
    expect(value).toBe(200);
    expect(attempts).toBe(3);
    expect(clock.sleeps).toEqual([50, 100]);
  });

  it('waits what Retry-After says instead of the backoff, capped by the policy', async () => {
    const clock = fakeClock();
    const answers = [
      { status: 429, after: 2000 },
      { status: 429, after: 3_600_000 },
      { status: 200, after: undefined },
    ];
    await withRetry(async () => answers.shift() ?? { status: 0, after: undefined }, {
      policy,
      clock,
      classify: (a) => ({ retry: a.status === 429, retryAfterMs: a.after }),
    });
    expect(clock.sleeps).toEqual([2000, policy.maxRetryAfterMs]);
  });

  it('does not retry a non-retryable result', async () => {
    const clock = fakeClock();
    const operation = jest.fn(async () => 404);
    const { value, attempts } = await withRetry(operation, { policy, clock, classify });
    expect(value).toBe(404);
    expect(attempts).toBe(1);
    expect(operation).toHaveBeenCalledTimes(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('returns the last retryable result when attempts run out', async () => {
    const clock = fakeClock();
    const operation = jest.fn(async () => 503);
    const { value, attempts } = await withRetry(operation, { policy, clock, classify });
    expect(value).toBe(503);
    expect(attempts).toBe(policy.maxAttempts);
    expect(operation).toHaveBeenCalledTimes(policy.maxAttempts);
  });

  it('stops when the next wait would exceed the total time budget', async () => {
    const clock = fakeClock(0.999);
    const operation = jest.fn(async () => 503);
    const tight = { ...policy, maxAttempts: 100, maxTotalMs: 250 };
    const { attempts } = await withRetry(operation, { policy: tight, clock, classify });
    // waits 99 then 199 would pass 250 ms: two attempts only.
    expect(attempts).toBe(2);
    expect(clock.sleeps).toEqual([99]);
  });

  it('retries connection errors and gives up with the last one', async () => {
    const clock = fakeClock();
    const reset = new TypeError('fetch failed', { cause: errorWithCode('ECONNRESET') });
    const operation = jest.fn(async () => {
      throw reset;
    });
    const failure = await withRetry(operation, { policy, clock }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(RetriesExhaustedError);
    expect((failure as RetriesExhaustedError).attempts).toBe(policy.maxAttempts);
    expect((failure as RetriesExhaustedError).lastError).toBe(reset);
    expect((failure as Error).message).toBe('gave up after 4 attempts: fetch failed: connect ECONNRESET 127.0.0.1:1');
  });

  it('throws other errors at once', async () => {
    const clock = fakeClock();
    const bug = new TypeError('x is undefined');
    const operation = jest.fn(async () => {
      throw bug;
    });
    await expect(withRetry(operation, { policy, clock })).rejects.toBe(bug);
    expect(operation).toHaveBeenCalledTimes(1);
  });

  it('uses a custom predicate for thrown errors when given one', async () => {
    const clock = fakeClock();
    let calls = 0;
    const { value } = await withRetry(
      async () => {
        if (++calls < 3) throw new Error('session expired');
        return 'done';
      },
      { policy, clock, isRetryable: (e) => (e as Error).message === 'session expired' },
    );
    expect(value).toBe('done');
    expect(calls).toBe(3);
  });
});
