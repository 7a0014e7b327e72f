/**
 * The Dockerfile of a tag exactly as `generate` writes it to `<dist>/<image>/<tag>/Dockerfile`: the rendered text
 * plus the rootfs COPY when the merged rootfs has content and the tag copies it. Built from the same exported pieces
 * `generate` uses (so the two cannot drift apart silently), without writing anything, so `build` can tell whether
 * dist/ still matches the catalog.
 */
import type { RenderedTag } from '../generate/catalog';
import { hasRootfsContent, injectRootfsCopy } from '../rootfs';

export async function finalDockerfile(tag: RenderedTag): Promise<string> {
  if (!tag.resolved.rootfsCopy) return tag.dockerfile;
  if (!(await hasRootfsContent(tag.resolved.rootfsLevels))) return tag.dockerfile;
  return injectRootfsCopy(tag.dockerfile, tag.resolved.rootfsUser).dockerfile;
}
