/**
 * Creates identical files once per run and hard-links the rest to the first one. Within one output tree many
 * files are the same by construction: each rootfs source file lands in every tag that merges its level (with the
 * same content, normalised mode and fixed mtime), and tags often share a test.yml. A link allocates no inode and
 * copies no data, which is most of what writing thousands of such files costs. `link`, like an exclusive create,
 * fails when the target exists, so nothing is ever written through a symlink.
 */
import { OutputCalls } from './output-calls';

/** The file system cannot link these two paths (another device, no hard links, too many links): create instead. */
const LINK_NOT_POSSIBLE = new Set(['EXDEV', 'EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EMLINK']);

export class LinkedCopies<Key> {
  /** Key → the file later placements link to, settled once that file is complete (content, mode, times). */
  private readonly linkSources = new Map<Key, Promise<string>>();

  constructor(private readonly calls: OutputCalls) {}

  /**
   * Places the file `key` stands for at `target`: `create` writes it the first time (exclusively, complete with
   * mode and times), later placements are links to that first file. Two keys must never mean different files.
   */
  async place(key: Key, target: string, create: (target: string) => Promise<void>): Promise<void> {
    const linkSource = this.linkSources.get(key);
    if (linkSource) {
      try {
        await this.calls.link(await linkSource, target);
        return;
      } catch (error) {
        if (!LINK_NOT_POSSIBLE.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
      }
    }
    // Registered before the first await, so placements running concurrently link to this file instead of creating
    // their own; after a failed link it becomes the new source (e.g. once one inode has reached its link limit).
    const created = create(target).then(() => target);
    this.linkSources.set(key, created);
    // The caller awaits `created` below; this only keeps a failure from also surfacing as an unhandled rejection.
    created.catch(() => undefined);
    await created;
  }
}
