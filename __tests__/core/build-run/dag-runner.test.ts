import { runDag, type DagJob, type JobOutcome } from '../../../src/core/build-run/dag-runner';

const job = (id: string, dependsOn: string[] = []): DagJob<string> => ({ id, dependsOn, payload: id });

/** Runs jobs that each take `ms` milliseconds (or fail when listed), recording start/end order and peak parallelism. */
async function simulate(jobs: Array<DagJob<string>>, options: { concurrency: number; fail?: string[]; ms?: number }) {
  const events: string[] = [];
  let running = 0;
  let peak = 0;
  const outcomes = await runDag(jobs, {
    concurrency: options.concurrency,
    run: async (j) => {
      running++;
      peak = Math.max(peak, running);
      events.push(`start ${j.id}`);
      await new Promise((r) => setTimeout(r, options.ms ?? 10));
      running--;
      events.push(`end ${j.id}`);
      if (options.fail?.includes(j.id)) throw new Error(`${j.id} broke`);
      return j.id.toUpperCase();
    },
  });
  return { events, peak, outcomes };
}

const statusOf = (outcomes: Map<string, JobOutcome<string>>) =>
  Object.fromEntries([...outcomes].map(([id, o]) => [id, o.status === 'skipped' ? `skipped: ${o.reason}` : o.status]));

describe('runDag', () => {
  it('starts a job only after everything it depends on succeeded', async () => {
    const { events } = await simulate([job('child', ['parent']), job('parent'), job('grandchild', ['child'])], {
      concurrency: 4,
    });
    expect(events).toEqual([
      'start parent',
      'end parent',
      'start child',
      'end child',
      'start grandchild',
      'end grandchild',
    ]);
  });

  it.each([
    [1, 1],
    [2, 2],
    [3, 3],
    [8, 4],
  ])('runs independent jobs %i at a time (peak %i of 4)', async (concurrency, expectedPeak) => {
    const { peak, outcomes } = await simulate([job('a'), job('b'), job('c'), job('d')], { concurrency, ms: 30 });
    expect(peak).toBe(expectedPeak);
    expect([...outcomes.values()].every((o) => o.status === 'succeeded')).toBe(true);
  });

  it('keeps the given order among ready jobs', async () => {
    const { events } = await simulate([job('x'), job('y'), job('z')], { concurrency: 1 });
    expect(events.filter((e) => e.startsWith('start'))).toEqual(['start x', 'start y', 'start z']);
  });

  it('skips what depends on a failure, directly or transitively, and runs everything else', async () => {
    const jobs = [
      job('base'),
      job('broken', ['base']),
      job('child-of-broken', ['broken']),
      job('grandchild', ['child-of-broken']),
      job('sibling', ['base']),
      job('independent'),
    ];
    const { outcomes } = await simulate(jobs, { concurrency: 2, fail: ['broken'] });
    expect(statusOf(outcomes)).toEqual({
      base: 'succeeded',
      broken: 'failed',
      'child-of-broken': 'skipped: broken failed',
      grandchild: 'skipped: broken failed (via child-of-broken)',
      sibling: 'succeeded',
      independent: 'succeeded',
    });
    const failed = outcomes.get('broken');
    expect(failed?.status === 'failed' && failed.error.message).toBe('broken broke');
    const value = outcomes.get('sibling');
    expect(value?.status === 'succeeded' && value.value).toBe('SIBLING');
  });

  it('ignores dependencies outside the job list (they are satisfied elsewhere)', async () => {
    const { outcomes } = await simulate([job('child', ['not-in-this-run'])], { concurrency: 1 });
    expect(outcomes.get('child')?.status).toBe('succeeded');
  });

  it('skips jobs waiting on each other instead of hanging', async () => {
    const { outcomes } = await simulate([job('a', ['b']), job('b', ['a']), job('c')], { concurrency: 2 });
    expect(statusOf(outcomes)).toEqual({
      a: 'skipped: it waits for itself through a cycle of dependencies',
      b: 'skipped: it waits for itself through a cycle of dependencies',
      c: 'succeeded',
    });
  });

  it('reports each outcome once, as soon as it is known', async () => {
    const seen: string[] = [];
    await runDag([job('a'), job('b', ['a'])], {
      concurrency: 1,
      run: async (j) => {
        if (j.id === 'a') throw new Error('no');
        return j.id;
      },
      onOutcome: (j, o) => seen.push(`${j.id}:${o.status}`),
    });
    expect(seen).toEqual(['a:failed', 'b:skipped']);
  });

  it('rejects duplicate ids', async () => {
    await expect(runDag([job('a'), job('a')], { concurrency: 1, run: async () => 1 })).rejects.toThrow(/unique/);
  });
});
