/**
 * The file system calls that write an output tree (dist/): made synchronously while the file system answers fast,
 * and through libuv's thread pool, several at a time, once it turns out to be slow.
 *
 * Why both (measured for issue 2 with bench/generate.ts, where 1,000 tags are about 20,000 such calls): on tmpfs,
 * and on ext4 in its usual state, a mkdir, link or utimes is a few to a few dozen microseconds of kernel work, and
 * the promise round trip through the thread pool costs more than that, so synchronous calls wrote the 1,000 tags
 * with a third of the CPU time (165 instead of 460 ms on tmpfs). But for minutes after many inodes were deleted
 * (the previous dist/, or a busy shared /tmp), ext4 spends hundreds of microseconds of kernel time on every new
 * inode, skipping the recently deleted ones one by one; there, calls made from several threads at once spread that
 * work over every core and finish sooner.
 *
 * So the calls start synchronous and the durations of those that create an inode (mkdir, symlink, new files; not
 * link, chmod or utimes, which stay cheap) are sampled; once the median of a window of them is above the
 * threshold, every later call goes to the thread pool. The median ignores the odd call that was merely preempted
 * on a busy machine. It never switches back: a file system that was slow stays slow for the rest of a run, and
 * the threaded mode is how every call was made before (8 tags in flight, see write-dist.ts).
 */
import {
  chmodSync,
  constants,
  copyFileSync,
  promises as fs,
  linkSync,
  lstatSync,
  lutimesSync,
  mkdirSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';

/** A value now (synchronous mode) or later (threaded mode); callers simply `await` it. */
export type Eventually<T> = T | Promise<T>;

export type CallMode = 'synchronous' | 'threaded';

export interface CallPolicy {
  /** `adaptive` starts synchronous and switches as described above; the others stay as they are (for tests). */
  mode: CallMode | 'adaptive';
  /** A median inode creation slower than this switches an adaptive run to the thread pool. */
  slowCallMicroseconds: number;
  /** Inode creations per sample window. */
  window: number;
}

/** A mkdir takes 5–10 µs on tmpfs here, 10–40 µs on a usual ext4, 200–600 µs among recently deleted inodes. */
export const DEFAULT_CALL_POLICY: CallPolicy = { mode: 'adaptive', slowCallMicroseconds: 60, window: 64 };

export class OutputCalls {
  private currentMode: CallMode;
  private readonly samples: number[] = [];

  constructor(
    private readonly policy: CallPolicy = DEFAULT_CALL_POLICY,
    private readonly clock: () => bigint = process.hrtime.bigint,
  ) {
    this.currentMode = policy.mode === 'threaded' ? 'threaded' : 'synchronous';
  }

  get mode(): CallMode {
    return this.currentMode;
  }

  mkdir(dir: string, mode: number): Eventually<void> {
    return this.create(
      () => void mkdirSync(dir, { mode }),
      () => fs.mkdir(dir, { mode }).then(() => undefined),
    );
  }

  /** Creates `dir` and its missing parents; the first folder created, or undefined when `dir` existed. */
  mkdirRecursive(dir: string, mode: number): Eventually<string | undefined> {
    return this.create(
      () => mkdirSync(dir, { mode, recursive: true }),
      () => fs.mkdir(dir, { mode, recursive: true }),
    );
  }

  /** Permission bits (`mode & 0o7777`) of `target` itself, never of what a symlink points at. */
  permissions(target: string): Eventually<number> {
    return this.call(
      () => lstatSync(target).mode & 0o7777,
      async () => (await fs.lstat(target)).mode & 0o7777,
    );
  }

  chmod(target: string, mode: number): Eventually<void> {
    return this.call(
      () => chmodSync(target, mode),
      () => fs.chmod(target, mode),
    );
  }

  /** Fails when `target` exists, whatever it is (a symlink there is never followed). */
  link(existing: string, target: string): Eventually<void> {
    return this.call(
      () => linkSync(existing, target),
      () => fs.link(existing, target),
    );
  }

  symlink(linkTarget: string, target: string): Eventually<void> {
    return this.create(
      () => symlinkSync(linkTarget, target),
      () => fs.symlink(linkTarget, target),
    );
  }

  /** Both times of `target` to `seconds`, following a symlink. */
  setTimes(target: string, seconds: number): Eventually<void> {
    return this.call(
      () => utimesSync(target, seconds, seconds),
      () => fs.utimes(target, seconds, seconds),
    );
  }

  /** Both times of a symlink itself to `seconds`. */
  setLinkTimes(target: string, seconds: number): Eventually<void> {
    return this.call(
      () => lutimesSync(target, seconds, seconds),
      () => fs.lutimes(target, seconds, seconds),
    );
  }

  /** Copies content and mode; fails when `target` exists. */
  copyFileExclusive(source: string, target: string): Eventually<void> {
    return this.create(
      () => copyFileSync(source, target, constants.COPYFILE_EXCL),
      () => fs.copyFile(source, target, constants.COPYFILE_EXCL),
    );
  }

  /** Creates `file` with `content`; fails when it exists (O_EXCL, so never through a symlink). */
  writeFileExclusive(file: string, content: string, mode: number): Eventually<void> {
    return this.create(
      () => writeFileSync(file, content, { mode, flag: 'wx' }),
      () => fs.writeFile(file, content, { mode, flag: 'wx' }),
    );
  }

  private call<T>(synchronous: () => T, threaded: () => Promise<T>): Eventually<T> {
    return this.currentMode === 'threaded' ? threaded() : synchronous();
  }

  /** A call that creates an inode: timed while the mode is still open. */
  private create<T>(synchronous: () => T, threaded: () => Promise<T>): Eventually<T> {
    if (this.currentMode === 'threaded') return threaded();
    if (this.policy.mode !== 'adaptive') return synchronous();
    const start = this.clock();
    const result = synchronous();
    this.sample(Number(this.clock() - start) / 1000);
    return result;
  }

  private sample(microseconds: number): void {
    this.samples.push(microseconds);
    if (this.samples.length < this.policy.window) return;
    const sorted = this.samples.splice(0).sort((a, b) => a - b);
    if (sorted[sorted.length >> 1] > this.policy.slowCallMicroseconds) this.currentMode = 'threaded';
  }
}
