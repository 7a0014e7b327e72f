/**
 * A child never builds on a stale parent: every FROM naming a catalog tag is rewritten, for one platform, to the
 * parent's per-platform image pinned by digest (`127.0.0.1:5050/base:2026.11-linux-arm64@sha256:…`). The digest is
 * the one just built in this run, or the one in the registry for this snapshot, so every runner builds on the same
 * bytes. The rewrite goes into a temporary copy of the Dockerfile; dist/ keeps the readable references.
 */
import { parseFromInstructions, rewriteFromReferences } from '../dockerfile/from-instructions';
import { platformSlug } from '../records/records';

/** `<registry>/<image>:<tag>[-ID]` → the per-platform tag `<registry>/<image>:<tag>[-ID]-linux-<arch>`. */
export function platformImageRef(ref: string, platform: string): string {
  return `${ref}-${platformSlug(platform)}`;
}

/** Rewrites every FROM whose reference is a key of `pins` to the pinned reference; other lines stay byte for byte. */
export function pinBaseImages(dockerfile: string, pins: ReadonlyMap<string, string>): string {
  const replacements = parseFromInstructions(dockerfile)
    .filter((from) => !from.notAnImage && pins.has(from.ref))
    .map((from) => ({ from, ref: pins.get(from.ref) as string }));
  return rewriteFromReferences(dockerfile, replacements);
}

/**
 * The image the final stage builds on, as written (for the `org.opencontainers.image.base.name` label). A final
 * stage built FROM an earlier stage or FROM scratch has no base image: undefined.
 */
export function finalStageBase(dockerfile: string): string | undefined {
  const froms = parseFromInstructions(dockerfile);
  const last = froms[froms.length - 1];
  return last && !last.notAnImage ? last.ref : undefined;
}
