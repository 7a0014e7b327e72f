/**
 * The merged file system of an image, read straight from its docker-archive: no runtime, no root, nothing extracted
 * to disk. Loading reads every layer once for the headers; file contents are fetched later in one batch that reads
 * only the layers holding the requested files.
 */
import { OperationError } from '../../shared/errors';
import type { DockerArchive } from './docker-archive';
import { newDirectory, type FsNode } from './fs-node';
import { mergeLayer, type LayerEntry } from './layer-merge';
import { resolvePath, type Resolution } from './path-resolution';
import { readTarStream } from './tar-stream';

export interface DirectoryEntry {
  name: string;
  node: FsNode;
}

export class ImageFilesystem {
  private constructor(
    private readonly archive: DockerArchive,
    readonly root: FsNode,
    /** Entries that could not be applied (e.g. a hardlink to a missing file), for diagnostics. */
    readonly notes: string[],
  ) {}

  static async load(archive: DockerArchive): Promise<ImageFilesystem> {
    const root = newDirectory();
    const notes: string[] = [];
    for (let layer = 0; layer < archive.layerCount; layer++) {
      const entries: LayerEntry[] = [];
      try {
        for await (const { entry, ordinal } of readTarStream(await archive.openLayer(layer))) {
          entries.push({ entry, ordinal });
        }
      } catch (error) {
        if (error instanceof OperationError) throw error;
        throw new OperationError(`${archive.file}: layer ${layer + 1} cannot be read: ${(error as Error).message}`, {
          cause: error,
        });
      }
      notes.push(...mergeLayer(root, entries, layer));
    }
    return new ImageFilesystem(archive, root, notes);
  }

  /** Like stat(2): symlinks are followed, also in the last position. */
  stat(path: string): Resolution {
    return resolvePath(this.root, path, true);
  }

  /** Like lstat(2): a symlink in the last position is returned itself. */
  lstat(path: string): Resolution {
    return resolvePath(this.root, path, false);
  }

  /** Entries of a directory sorted by name, or undefined when `path` is not a directory. */
  readDir(path: string): DirectoryEntry[] | undefined {
    const resolved = this.stat(path);
    if (!resolved.ok || resolved.node.kind !== 'directory') return undefined;
    return [...(resolved.node.children ?? new Map<string, FsNode>())]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, node]) => ({ name, node }));
  }

  /** Every path of the image with its node, depth first in name order (for listings and comparisons). */
  *walk(node: FsNode = this.root, prefix = ''): Generator<[string, FsNode]> {
    for (const { name, node: child } of sortedChildren(node)) {
      const path = `${prefix}/${name}`;
      yield [path, child];
      if (child.kind === 'directory') yield* this.walk(child, path);
    }
  }

  /**
   * The bytes of regular files, fetched together: each layer that holds one of them is streamed once. Nodes that are
   * not regular files are left out of the result.
   */
  async readFiles(nodes: Iterable<FsNode>): Promise<Map<FsNode, Buffer>> {
    const wanted = new Map<number, Map<number, FsNode[]>>();
    for (const node of nodes) {
      if (node.kind !== 'file' || !node.source) continue;
      const byOrdinal = wanted.get(node.source.layer) ?? new Map<number, FsNode[]>();
      byOrdinal.set(node.source.ordinal, [...(byOrdinal.get(node.source.ordinal) ?? []), node]);
      wanted.set(node.source.layer, byOrdinal);
    }
    const contents = new Map<FsNode, Buffer>();
    for (const [layer, byOrdinal] of [...wanted].sort(([a], [b]) => a - b)) {
      let remaining = byOrdinal.size;
      for await (const { ordinal, read } of readTarStream(await this.archive.openLayer(layer))) {
        const targets = byOrdinal.get(ordinal);
        if (!targets) continue;
        const bytes = await read();
        for (const target of targets) contents.set(target, bytes);
        // Stop reading the layer once everything it holds for us has been found.
        if (--remaining === 0) break;
      }
    }
    return contents;
  }
}

function sortedChildren(node: FsNode): DirectoryEntry[] {
  return [...(node.children ?? new Map<string, FsNode>())]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, child]) => ({ name, node: child }));
}
