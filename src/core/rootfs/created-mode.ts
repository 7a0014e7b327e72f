/**
 * Skips the chmod after creating an entry when creating it already gave the wanted mode. Whether it does depends
 * on the umask and on default ACLs of the output's parent, which differ between machines and runners. So this
 * checks what actually happened instead of predicting it: the first entry created in a given way is checked with
 * lstat, and the answer is reused for the rest of the run. Every entry of one output tree is created under the
 * same parent and process, so the answer holds for all of them; when it is "no", every entry is chmodded.
 */
import { OutputCalls } from './output-calls';

export class CreatedModeCheck {
  /** Keyed by how the entry was created (e.g. `mkdir 0755`); true when that alone gives the wanted mode. */
  private readonly givesWantedMode = new Map<string, boolean>();

  constructor(private readonly calls: OutputCalls) {}

  /**
   * Call right after creating `target`; `how` must name everything that decides its mode at creation (the call
   * and the mode it was given or copied from), since entries created the same way get the same answer.
   */
  async ensureMode(target: string, how: string, wanted: number): Promise<void> {
    const key = `${how} -> ${wanted.toString(8)}`;
    const known = this.givesWantedMode.get(key);
    if (known === true) return;
    if (known === undefined) {
      const matches = (await this.calls.permissions(target)) === wanted;
      this.givesWantedMode.set(key, matches);
      if (matches) return;
    }
    await this.calls.chmod(target, wanted);
  }
}
