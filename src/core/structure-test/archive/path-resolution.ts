/**
 * Path lookup inside the image root, never on the host: symlinks are followed the way the kernel follows them in a
 * container (absolute targets start again at the image root, `..` stops at the root, at most 40 links per lookup),
 * so `/bin/sh -> busybox` and `/lib -> usr/lib` resolve as they would inside a running container.
 */
import { pathSegments, type FsNode } from './fs-node';

/** Linux's MAXSYMLINKS: more links than this in one lookup is reported as a loop (ELOOP). */
export const MAX_SYMLINKS = 40;

export type Resolution =
  | { ok: true; node: FsNode; path: string }
  | { ok: false; reason: 'not-found' | 'not-a-directory' | 'symlink-loop'; path: string };

/**
 * Resolves `path` from the root. With `followFinal` a symlink in the last position is followed too (stat); without,
 * the link itself is returned (lstat).
 */
export function resolvePath(root: FsNode, path: string, followFinal: boolean): Resolution {
  const pending = pathSegments(path);
  const nodes: FsNode[] = [root];
  const names: string[] = [];
  let links = 0;
  while (pending.length > 0) {
    const segment = pending.shift() as string;
    const current = nodes[nodes.length - 1];
    if (segment === '..') {
      if (names.length > 0) {
        names.pop();
        nodes.pop();
      }
      continue;
    }
    const here = `/${[...names, segment].join('/')}`;
    if (current.kind !== 'directory') return { ok: false, reason: 'not-a-directory', path: `/${names.join('/')}` };
    const child = current.children?.get(segment);
    if (!child) return { ok: false, reason: 'not-found', path: here };
    if (child.kind === 'symlink' && (pending.length > 0 || followFinal)) {
      if (++links > MAX_SYMLINKS) return { ok: false, reason: 'symlink-loop', path: here };
      if (child.linkname === '') return { ok: false, reason: 'not-found', path: here };
      if (child.linkname.startsWith('/')) {
        names.length = 0;
        nodes.length = 1;
      }
      pending.unshift(...pathSegments(child.linkname));
      continue;
    }
    names.push(segment);
    nodes.push(child);
  }
  return { ok: true, node: nodes[nodes.length - 1], path: `/${names.join('/')}` };
}

export function describeResolutionFailure(path: string, failure: Exclude<Resolution, { ok: true }>): string {
  switch (failure.reason) {
    case 'not-found':
      return failure.path === normalise(path)
        ? `${path} does not exist in the image`
        : `${path} does not exist in the image (${failure.path} is missing)`;
    case 'not-a-directory':
      return `${path} does not exist in the image (${failure.path} is not a directory)`;
    case 'symlink-loop':
      return `${path} cannot be resolved: too many levels of symbolic links at ${failure.path}`;
  }
}

function normalise(path: string): string {
  return `/${pathSegments(path).join('/')}`;
}
