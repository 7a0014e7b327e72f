/**
 * Walks one rootfs level without ever following a symlink (a link to `/etc` or `..` is an entry, not a directory
 * to enter), in sorted order so every merge sees the same sequence on every machine.
 *
 * The calls are synchronous on purpose: reading is a few microseconds of kernel work on cached metadata on every
 * file system, and sending each call to libuv's thread pool and back through a promise costs several times that
 * (see output-calls.ts, which does the same for writing while writing is fast).
 */
import { lstatSync, readdirSync, readlinkSync, Stats } from 'node:fs';
import * as path from 'node:path';

export type RootfsEntryKind = 'file' | 'directory' | 'symlink' | 'special';

export interface RootfsEntry {
  /** Path inside the level, `/`-separated, no leading slash. */
  relativePath: string;
  absolutePath: string;
  kind: RootfsEntryKind;
  /** Permission bits including setuid/setgid/sticky (`mode & 0o7777`). */
  mode: number;
  /** Symlinks only: the target exactly as stored. */
  linkTarget?: string;
  /** Special entries only: what it is, for the error message. */
  specialType?: string;
}

/** Calls `visit` for every entry below `root`, parents first; `visit` returns false to skip a directory's children. */
export function walkLevel(root: string, visit: (entry: RootfsEntry) => boolean): void {
  walkDirectory(root, '', visit);
}

function walkDirectory(directory: string, relativeDirectory: string, visit: (entry: RootfsEntry) => boolean): void {
  for (const name of readdirSync(directory).sort(compareCodeUnits)) {
    const entry = readRootfsEntry(directory, relativeDirectory, name);
    const descend = visit(entry);
    if (entry.kind === 'directory' && descend) walkDirectory(entry.absolutePath, entry.relativePath, visit);
  }
}

/** One entry of a level directory, from lstat (never following a symlink) and, for a symlink, its target. */
export function readRootfsEntry(directory: string, relativeDirectory: string, name: string): RootfsEntry {
  const absolutePath = path.join(directory, name);
  const relativePath = relativeDirectory ? `${relativeDirectory}/${name}` : name;
  const stats = lstatSync(absolutePath);
  const entry: RootfsEntry = { relativePath, absolutePath, kind: kindOf(stats), mode: stats.mode & 0o7777 };
  if (entry.kind === 'symlink') entry.linkTarget = readlinkSync(absolutePath);
  if (entry.kind === 'special') entry.specialType = specialTypeOf(stats);
  return entry;
}

/** Plain UTF-16 order: independent of the machine's locale, unlike localeCompare. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function kindOf(stats: Stats): RootfsEntryKind {
  if (stats.isSymbolicLink()) return 'symlink';
  if (stats.isFile()) return 'file';
  if (stats.isDirectory()) return 'directory';
  return 'special';
}

function specialTypeOf(stats: Stats): string {
  if (stats.isFIFO()) return 'FIFO (named pipe)';
  if (stats.isSocket()) return 'socket';
  if (stats.isBlockDevice()) return 'block device';
  if (stats.isCharacterDevice()) return 'character device';
  return 'special file';
}
