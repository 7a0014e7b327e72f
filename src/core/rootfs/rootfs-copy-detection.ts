/**
 * Decides whether a COPY/ADD instruction already copies the merged rootfs from the build context. Only the
 * instruction's real sources count: a comment, a `--from=<stage>` copy (`COPY --from=builder /opt/rootfs/ /x`)
 * or a file inside rootfs/ is not "the rootfs copy" (PoC B14 matched all of them with one regex).
 */
import * as path from 'node:path';
import { isJsonForm } from '../dockerfile/instructions';
import { splitShellWords, unquoteShellWord } from '../dockerfile/shell-words';

/** Flags that also accept their value as the next word (`--from builder`). */
const FLAGS_WITH_VALUE = new Set(['from', 'chown', 'chmod', 'exclude', 'checksum']);

export interface CopyArguments {
  /** The `--from=` stage, image or context, when there is one. */
  from?: string;
  sources: string[];
  destination?: string;
}

/** Parses the arguments of COPY/ADD (after the keyword): flags, sources, destination. */
export function parseCopyArguments(args: string): CopyArguments {
  const words = splitShellWords(args);
  let index = 0;
  let from: string | undefined;
  while (index < words.length && words[index].startsWith('--')) {
    const flag = words[index++];
    if (flag === '--') break;
    const equals = flag.indexOf('=');
    const name = (equals < 0 ? flag.slice(2) : flag.slice(2, equals)).toLowerCase();
    let value = equals < 0 ? undefined : flag.slice(equals + 1);
    if (value === undefined && FLAGS_WITH_VALUE.has(name) && index < words.length) value = words[index++];
    if (name === 'from') from = unquoteShellWord(value ?? '') ?? value ?? '';
  }
  const rest = words.slice(index);
  const joined = rest.join(' ');
  const list = isJsonForm(joined)
    ? (JSON.parse(joined) as string[])
    : rest.map((word) => unquoteShellWord(word) ?? word);
  if (list.length < 2) return { from, sources: [] };
  return { from, sources: list.slice(0, -1), destination: list[list.length - 1] };
}

/** `rootfs`, `rootfs/`, `./rootfs/`, `/rootfs` (sources are relative to the context even when absolute). */
export function isRootfsSource(source: string): boolean {
  const normalised = path.posix.normalize(source).replace(/^\/+/, '').replace(/\/+$/, '');
  return normalised === 'rootfs';
}

/** True for a COPY/ADD that takes the rootfs directory itself from the build context. */
export function copiesRootfs(keyword: string, args: string): boolean {
  if (keyword !== 'copy' && keyword !== 'add') return false;
  const parsed = parseCopyArguments(args);
  return parsed.from === undefined && parsed.sources.some(isRootfsSource);
}
