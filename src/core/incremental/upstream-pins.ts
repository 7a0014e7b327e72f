/**
 * The digest each upstream base counts with, for one run: the one the tag points at now, or (pinned) the one in
 * the lock file. Pinned digests are also what the build uses, so the lock really decides the bytes built on.
 */
import { OperationError } from '../shared/errors';
import { UNKNOWN_DIGEST } from './input-parts';
import { LOCK_FILE } from './upstream-lock';

export interface UpstreamDigestSource {
  /** The digest `ref` points at now, or undefined when it cannot be found out. */
  upstreamDigest(ref: string): Promise<string | undefined>;
}

export interface UpstreamDigest {
  /** The digest counted in the input digest; UNKNOWN_DIGEST when neither the lock nor the registry tells. */
  digest: string;
  /** True when the build must use exactly this digest (FROM rewritten to `ref@digest`). */
  pinned: boolean;
}

export class UpstreamPins {
  private readonly added = new Map<string, string>();

  constructor(
    private readonly source: UpstreamDigestSource,
    private readonly options: { pin: boolean; locked: Readonly<Record<string, string>> },
  ) {}

  async digestOf(ref: string): Promise<UpstreamDigest> {
    if (/@sha256:[0-9a-f]{64}$/.test(ref)) return { digest: ref.slice(ref.lastIndexOf('@') + 1), pinned: false };
    if (!this.options.pin) return { digest: (await this.source.upstreamDigest(ref)) ?? UNKNOWN_DIGEST, pinned: false };
    const locked = this.options.locked[ref] ?? this.added.get(ref);
    if (locked) return { digest: locked, pinned: true };
    const current = await this.source.upstreamDigest(ref);
    if (!current) {
      throw new OperationError(
        `--pin-upstream: ${ref} is not in ${LOCK_FILE} and its current digest cannot be found out ` +
          '(is its registry reachable?); add it to the lock file by hand or build once with the registry reachable',
      );
    }
    this.added.set(ref, current);
    return { digest: current, pinned: true };
  }

  /** The lock with what this run added (for writing back); undefined when nothing was added. */
  updatedLock(): Record<string, string> | undefined {
    if (this.added.size === 0) return undefined;
    return { ...this.options.locked, ...Object.fromEntries(this.added) };
  }
}
