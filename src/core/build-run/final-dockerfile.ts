/**
 * The Dockerfile of a tag exactly as `generate` writes it to `<dist>/<image>/<tag>/Dockerfile`: the rendered text
 * plus the rootfs COPY when the merged rootfs has content and the tag copies it. Built from the same exported pieces
 * `generate` uses (so the two cannot drift apart silently), without writing anything, so `build` can tell whether
 * dist/ still matches the catalog.
 */
import type { RenderedTag } from '../generate/catalog';
import { generatedDockerfile } from '../generate/generated-dockerfile';
import { hasRootfsContent } from '../rootfs';

export async function finalDockerfile(tag: RenderedTag): Promise<string> {
  // The rootfs is only looked at when the tag copies it.
  if (!tag.resolved.rootfsCopy) return tag.dockerfile;
  return generatedDockerfile(tag, await hasRootfsContent(tag.resolved.rootfsLevels));
}
