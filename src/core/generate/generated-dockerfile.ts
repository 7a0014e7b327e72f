/**
 * The Dockerfile `generate` writes for a tag: the rendered text, plus `COPY --chown=<user> rootfs/ /` after the
 * last FROM when the tag copies its rootfs (the default) and the merged rootfs has content. One decision for
 * `generate` (write-dist.ts) and for `build`'s check that dist/ is still current (build-run/final-dockerfile.ts).
 */
import { injectRootfsCopy } from '../rootfs/inject-copy';
import type { RenderedTag } from './catalog';

export function generatedDockerfile(tag: RenderedTag, rootfsHasContent: boolean): string {
  const { rootfsCopy, rootfsUser } = tag.resolved;
  return rootfsHasContent && rootfsCopy ? injectRootfsCopy(tag.dockerfile, rootfsUser).dockerfile : tag.dockerfile;
}
