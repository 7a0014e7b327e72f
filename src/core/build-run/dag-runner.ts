/**
 * Runs jobs that depend on each other, at most `concurrency` at a time, in the given order whenever several are
 * ready. A failed job stops only what depends on it (directly or through others), which is reported as skipped
 * with the failure that caused it; everything else carries on. Jobs left waiting on each other (a cycle) are
 * skipped rather than hanging the run.
 */
export interface DagJob<T> {
  id: string;
  /** Ids of jobs that must succeed first. Ids that are not in the job list are ignored. */
  dependsOn: readonly string[];
  payload: T;
}

export type JobOutcome<R> =
  | { status: 'succeeded'; value: R }
  | { status: 'failed'; error: Error }
  | { status: 'skipped'; reason: string; /** The failed job at the root of the chain, if any. */ cause?: string };

export interface DagRunOptions<T, R> {
  concurrency: number;
  run: (job: DagJob<T>) => Promise<R>;
  /** Called once per job as soon as its outcome is known (progress lines). */
  onOutcome?: (job: DagJob<T>, outcome: JobOutcome<R>) => void;
}

export async function runDag<T, R>(
  jobs: ReadonlyArray<DagJob<T>>,
  options: DagRunOptions<T, R>,
): Promise<Map<string, JobOutcome<R>>> {
  const concurrency = Math.max(1, Math.floor(options.concurrency));
  const known = new Set(jobs.map((job) => job.id));
  if (known.size !== jobs.length) throw new Error('runDag: job ids must be unique');
  const outcomes = new Map<string, JobOutcome<R>>();
  const pending = [...jobs];
  const running = new Map<string, Promise<void>>();

  const settle = (job: DagJob<T>, outcome: JobOutcome<R>) => {
    outcomes.set(job.id, outcome);
    options.onOutcome?.(job, outcome);
  };

  const start = (job: DagJob<T>) => {
    const promise = Promise.resolve()
      .then(() => options.run(job))
      .then(
        (value) => settle(job, { status: 'succeeded', value }),
        (error: unknown) => settle(job, { status: 'failed', error: asError(error) }),
      )
      .finally(() => running.delete(job.id));
    running.set(job.id, promise);
  };

  for (;;) {
    // Settle everything whose fate is already decided by a dependency, then start what is ready.
    let progressed = true;
    while (progressed) {
      progressed = false;
      for (let i = 0; i < pending.length; i++) {
        const job = pending[i];
        const deps = job.dependsOn.filter((dep) => known.has(dep) && dep !== job.id);
        const blocked = deps
          .map((dep) => ({ dep, outcome: outcomes.get(dep) }))
          .find((d) => d.outcome && d.outcome.status !== 'succeeded');
        if (blocked) {
          pending.splice(i--, 1);
          settle(job, skippedBecause(blocked.dep, blocked.outcome as JobOutcome<R>));
          progressed = true;
          continue;
        }
        const ready = deps.every((dep) => outcomes.get(dep)?.status === 'succeeded');
        if (ready && running.size < concurrency) {
          pending.splice(i--, 1);
          start(job);
          progressed = true;
        }
      }
    }
    if (running.size === 0) break;
    await Promise.race(running.values());
  }
  for (const job of pending) {
    settle(job, { status: 'skipped', reason: 'it waits for itself through a cycle of dependencies' });
  }
  return outcomes;
}

function skippedBecause<R>(dep: string, outcome: JobOutcome<R>): JobOutcome<R> {
  if (outcome.status === 'failed') return { status: 'skipped', reason: `${dep} failed`, cause: dep };
  if (outcome.status === 'skipped' && outcome.cause) {
    return { status: 'skipped', reason: `${outcome.cause} failed (via ${dep})`, cause: outcome.cause };
  }
  return { status: 'skipped', reason: `${dep} was skipped`, cause: undefined };
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
