/**
 * Small builders for plan inputs: affected units and tag states as computeAffectedUnits and readReleaseState give
 * them, with readable fake digests (`digest('a')` → `sha256:aaaa…`).
 */
import type { AffectedUnit } from '../../../src/core/build-run/affected-units';
import type { PlanInput, TagInput } from '../../../src/core/plan/compare-plan';

export const AMD64 = 'linux/amd64';
export const ARM64 = 'linux/arm64';
export const REGISTRY = 'registry.example/acme';

export function digest(letter: string): string {
  return `sha256:${letter.repeat(64)}`;
}

/** A unit reusing the image of digest `existing` found under the release platform tag. */
export function reused(image: string, tag: string, platform: string, existing: string): AffectedUnit {
  return {
    id: `${image}:${tag} ${platform}`,
    image,
    tag,
    platform,
    action: 'reuse',
    reasons: [],
    inputDigest: digest('9'),
    existing: { ref: `${REGISTRY}/${image}:${tag}-${platform.replace('/', '-')}`, digest: existing },
  };
}

export function built(
  image: string,
  tag: string,
  platform: string,
  reasons: string[],
  existing?: string,
): AffectedUnit {
  return {
    id: `${image}:${tag} ${platform}`,
    image,
    tag,
    platform,
    action: 'build',
    reasons,
    ...(reasons.some((r) => r.startsWith('base ') && r.endsWith(' is rebuilt')) ? {} : { inputDigest: digest('8') }),
    ...(existing
      ? { existing: { ref: `${REGISTRY}/${image}:${tag}-${platform.replace('/', '-')}`, digest: existing } }
      : {}),
  };
}

export function tagInput(image: string, tag: string, fields: Partial<TagInput> = {}): TagInput {
  return {
    image,
    tag,
    repository: `${REGISTRY}/${image}`,
    aliases: [],
    units: [],
    release: null,
    aliasDigests: {},
    tagsByDigest: {},
    ...fields,
  };
}

/** A release index listing `platforms` (platform → digest). */
export function index(indexDigest: string, platforms: Record<string, string>, undeclaredEntries = 0) {
  return { digest: indexDigest, kind: 'index' as const, platforms, undeclaredEntries };
}

export function planInput(tags: TagInput[], fields: Partial<PlanInput> = {}): PlanInput {
  return {
    registry: REGISTRY,
    plannedPlatforms: [AMD64, ARM64],
    declaredPlatforms: [AMD64, ARM64],
    tags,
    ...fields,
  };
}
