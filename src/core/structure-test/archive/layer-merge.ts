/**
 * Merges one layer into the image root the way overlay storage presents it (OCI image spec, "Applying changesets"):
 * whiteouts (`.wh.<name>`) and opaque markers (`.wh..wh..opq`) remove what lower layers put there, then the layer's
 * own entries are added. Paths are taken literally: a layer's `lib/x` creates a directory `lib` over a lower symlink
 * `lib`, exactly as overlay does, and never writes through it.
 */
import { OperationError } from '../../shared/errors';
import { newDirectory, pathSegments, type FsNode } from './fs-node';
import type { TarEntry } from './tar-header';

const WHITEOUT_PREFIX = '.wh.';
const OPAQUE_MARKER = '.wh..wh..opq';

export interface LayerEntry {
  entry: TarEntry;
  ordinal: number;
}

/** Applies `entries` (one layer, in archive order) to `root`; returns notes about entries that could not apply. */
export function mergeLayer(root: FsNode, entries: LayerEntry[], layer: number): string[] {
  const notes: string[] = [];
  const additions: LayerEntry[] = [];
  for (const item of entries) {
    const segments = safeSegments(item.entry.name, layer);
    const base = segments[segments.length - 1] ?? '';
    if (base === OPAQUE_MARKER) {
      const dir = lookupLiteral(root, segments.slice(0, -1));
      if (dir?.children) dir.children = new Map();
    } else if (base.startsWith(WHITEOUT_PREFIX)) {
      // `.wh..wh.*` other than the opaque marker are aufs bookkeeping, not deletions.
      if (base.startsWith(`${WHITEOUT_PREFIX}${WHITEOUT_PREFIX}`)) continue;
      lookupLiteral(root, segments.slice(0, -1))?.children?.delete(base.slice(WHITEOUT_PREFIX.length));
    } else {
      additions.push(item);
    }
  }
  for (const item of additions) {
    const note = addEntry(root, item, layer);
    if (note) notes.push(note);
  }
  return notes;
}

function safeSegments(name: string, layer: number): string[] {
  const segments = pathSegments(name);
  if (segments.includes('..')) {
    throw new OperationError(`layer ${layer + 1} has an entry outside the image root: "${name}"`);
  }
  return segments;
}

function addEntry(root: FsNode, { entry, ordinal }: LayerEntry, layer: number): string | undefined {
  const segments = pathSegments(entry.name);
  if (segments.length === 0) {
    // The layer's own `./` entry carries the root directory's metadata.
    if (entry.type === 'directory') Object.assign(root, { mode: entry.mode, uid: entry.uid, gid: entry.gid });
    return undefined;
  }
  const parent = ensureDirectory(root, segments.slice(0, -1));
  const name = segments[segments.length - 1];
  const existing = parent.children?.get(name);
  const node = nodeFor(root, entry, ordinal, layer, existing);
  if (typeof node === 'string') return node;
  if (node) parent.children?.set(name, node);
  return undefined;
}

function nodeFor(
  root: FsNode,
  entry: TarEntry,
  ordinal: number,
  layer: number,
  existing: FsNode | undefined,
): FsNode | string | undefined {
  const base = { mode: entry.mode, uid: entry.uid, gid: entry.gid, size: 0, linkname: '' };
  switch (entry.type) {
    case 'file':
      return { ...base, kind: 'file', size: entry.size, source: { layer, ordinal } };
    case 'directory':
      // A directory entry over an existing directory updates its metadata and keeps the lower contents.
      if (existing?.kind === 'directory') return Object.assign(existing, base);
      return newDirectory(entry.mode, entry.uid, entry.gid);
    case 'symlink':
      return { ...base, kind: 'symlink', linkname: entry.linkname };
    case 'char':
    case 'block':
    case 'fifo':
      return { ...base, kind: entry.type };
    case 'hardlink': {
      const target = lookupLiteral(root, pathSegments(entry.linkname));
      if (!target) return `layer ${layer + 1}: hardlink "${entry.name}" points to missing "${entry.linkname}"`;
      // Hardlinks share the inode: same metadata and the same bytes.
      return { ...target, children: target.children ? new Map(target.children) : undefined };
    }
    default:
      return undefined;
  }
}

/** The directory at `segments`, creating missing ones and replacing non-directories on the way. */
function ensureDirectory(root: FsNode, segments: string[]): FsNode {
  let current = root;
  for (const segment of segments) {
    const children = current.children as Map<string, FsNode>;
    let next = children.get(segment);
    if (next?.kind !== 'directory') {
      next = newDirectory();
      children.set(segment, next);
    }
    current = next;
  }
  return current;
}

/** The node at `segments` without following symlinks, or undefined. */
export function lookupLiteral(root: FsNode, segments: string[]): FsNode | undefined {
  let current: FsNode | undefined = root;
  for (const segment of segments) {
    current = current?.children?.get(segment);
    if (!current) return undefined;
  }
  return current;
}
