import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DEFAULT_CALL_POLICY, OutputCalls, type CallPolicy } from '../../../src/core/rootfs/output-calls';

/** A clock under which the n-th call takes durations[n] microseconds (each call reads the clock twice). */
function clockWith(durations: number[]): () => bigint {
  let now = 0n;
  let reads = 0;
  return () => {
    if (reads++ % 2 === 1) now += BigInt(Math.round((durations[(reads - 2) / 2] ?? 0) * 1000));
    return now;
  };
}

const policy: CallPolicy = { mode: 'adaptive', slowCallMicroseconds: 60, window: 8 };

describe('OutputCalls', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'im-output-calls-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  let counter = 0;
  const pending: unknown[] = [];
  afterEach(() => Promise.all(pending.splice(0)));
  /** Makes one call and says how it was made. */
  const callMode = (calls: OutputCalls) => {
    const result = calls.writeFileExclusive(path.join(root, `f${counter++}`), 'x', 0o644);
    pending.push(result);
    // Not instanceof Promise: Node's own promises come from another realm than jest's.
    return typeof (result as { then?: unknown } | undefined)?.then === 'function' ? 'threaded' : 'synchronous';
  };

  it.each<[string, number[], Array<'synchronous' | 'threaded'>]>([
    ['fast calls stay synchronous', Array(24).fill(5), Array(25).fill('synchronous')],
    [
      'a window of slow calls sends every later call to the thread pool',
      Array(8).fill(300),
      [...Array(8).fill('synchronous'), 'threaded', 'threaded'],
    ],
    [
      'a few slow calls (a preempted process) do not',
      [5, 5, 4000, 5, 5, 3000, 5, 5, 5, 5, 5, 5, 5, 5, 5, 9000],
      Array(17).fill('synchronous'),
    ],
    [
      'a file system that becomes slow later is noticed at the end of that window',
      [...Array(8).fill(5), ...Array(8).fill(200)],
      [...Array(16).fill('synchronous'), 'threaded'],
    ],
  ])('%s', async (_name, durations, expected) => {
    const calls = new OutputCalls(policy, clockWith(durations));
    const modes = expected.map(() => callMode(calls));
    expect(modes).toEqual(expected);
    expect(calls.mode).toBe(expected[expected.length - 1]);
  });

  it.each(['synchronous', 'threaded'] as const)('keeps %s calls when told to, whatever they take', (mode) => {
    const calls = new OutputCalls({ ...policy, mode }, clockWith(Array(32).fill(mode === 'threaded' ? 1 : 9000)));
    expect(Array.from({ length: 32 }, () => callMode(calls))).toEqual(Array(32).fill(mode));
  });

  it('makes the same change either way, and fails the same way', async () => {
    for (const mode of ['synchronous', 'threaded'] as const) {
      const calls = new OutputCalls({ ...DEFAULT_CALL_POLICY, mode });
      const file = path.join(root, `same-${mode}`);
      await calls.writeFileExclusive(file, 'content', 0o600);
      expect(readFileSync(file, 'utf8')).toBe('content');
      expect(await calls.permissions(file)).toBe(0o600);
      await expect((async () => calls.writeFileExclusive(file, 'again', 0o644))()).rejects.toMatchObject({
        code: 'EEXIST',
      });
    }
  });
});
