/**
 * The affected set: which platform images of a run must be built, as `image-manager build --reuse-only
 * --affected-file FILE` writes it (`{"version": 1, "build": ["<image> <platform>", …], "reused": […]}`). A GitLab
 * pipeline generated during the run (gitlab-ci-templates/pipeline.yml) leaves out the build jobs of the reused
 * ones: their snapshot tags already point at the registry's images of the same inputs.
 *
 * Only what the file names as reused is ever left out. A unit it does not mention keeps its build job: building
 * something unchanged costs a cheap reuse, while skipping something changed would test and publish a stale image.
 */
import { UsageError } from '../shared/errors';

export const AFFECTED_SET_VERSION = 1;

export interface AffectedSet {
  /** `<image> <platform>` of the platform images that must be built. */
  build: ReadonlySet<string>;
  /** `<image> <platform>` of the platform images whose tags were pointed at the registry's images. */
  reused: ReadonlySet<string>;
}

/** How the affected set and the generated GitHub conditions name one platform image: `tools/jq linux/arm64`. */
export function affectedUnit(image: string, platform: string): string {
  return `${image} ${platform}`;
}

/** True when the platform image needs no build job: the set says it was reused and not that it must be built. */
export function isReused(affected: AffectedSet, image: string, platform: string): boolean {
  const unit = affectedUnit(image, platform);
  return affected.reused.has(unit) && !affected.build.has(unit);
}

/** Parses the file's text; `file` names it in errors. A file of another shape is a usage error (exit 2). */
export function parseAffectedSet(text: string, file: string): AffectedSet {
  const hint = 'write it with `image-manager build --reuse-only --affected-file FILE` for the same catalog';
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file} is not JSON (${(error as Error).message}): ${hint}`);
  }
  const value = (json ?? {}) as Record<string, unknown>;
  if (typeof json !== 'object' || Array.isArray(json) || value.version !== AFFECTED_SET_VERSION) {
    throw new UsageError(`${file} is not an affected set of version ${AFFECTED_SET_VERSION}: ${hint}`);
  }
  const units = (field: 'build' | 'reused'): Set<string> => {
    const list = value[field];
    if (!Array.isArray(list) || !list.every((entry) => typeof entry === 'string' && /^\S+ \S+$/.test(entry))) {
      throw new UsageError(`${file}: "${field}" must be a list of "<image> <platform>" strings: ${hint}`);
    }
    return new Set(list as string[]);
  };
  return { build: units('build'), reused: units('reused') };
}
