/** One file system object of an image's merged root, as the layers leave it. */
export type FsNodeKind = 'file' | 'directory' | 'symlink' | 'char' | 'block' | 'fifo';

export interface FsNode {
  kind: FsNodeKind;
  /** Permission bits with setuid/setgid/sticky, from the tar header. */
  mode: number;
  uid: number;
  gid: number;
  size: number;
  /** Target of a symlink, as written (absolute targets are relative to the image root). */
  linkname: string;
  /** Where a regular file's bytes are: the layer and the entry's position in it (shared by hardlinks). */
  source?: { layer: number; ordinal: number };
  /** Entries of a directory. */
  children?: Map<string, FsNode>;
}

export function newDirectory(mode = 0o755, uid = 0, gid = 0): FsNode {
  return { kind: 'directory', mode, uid, gid, size: 0, linkname: '', children: new Map() };
}

/** Splits a path into its segments, dropping empty and `.` segments (`..` is kept for the resolver). */
export function pathSegments(path: string): string[] {
  return path.split('/').filter((part) => part !== '' && part !== '.');
}
