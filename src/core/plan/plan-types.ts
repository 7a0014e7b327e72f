/**
 * The publish plan as data: what a pipeline run will do to the registry, per catalog tag. This shape IS the JSON
 * contract of `image-manager plan --format json` (documented in the README, "Publish plan"): fields are only ever
 * added; a change in meaning or a removal bumps PLAN_FORMAT_VERSION.
 */

export const PLAN_FORMAT_VERSION = 1;

/** What happens to a release tag or alias: written where there is none, re-pointed, or left as it is. */
export type TagAction = 'create' | 'move' | 'leave';

export interface PublishPlan {
  planVersion: typeof PLAN_FORMAT_VERSION;
  /** Push registry (`ghcr.io/acme`). */
  registry: string;
  snapshotId: string | null;
  /** The platforms planned (all declared ones unless --platform narrowed them), in config order. */
  platforms: string[];
  /** Declared platforms left out by --platform: judged as the registry has them now. */
  unplannedPlatforms: string[];
  summary: PlanSummary;
  tags: TagPlan[];
}

export interface PlanSummary {
  build: number;
  reuse: number;
  tags: Record<TagAction, number>;
  aliases: Record<TagAction, number>;
}

export interface TagPlan {
  image: string;
  tag: string;
  /** The release reference `<registry>/<image>:<tag>` (promotion's target under a snapshot). */
  ref: string;
  action: TagAction;
  /** Why, in words (`linux/arm64 rebuilt`, `not in the registry yet`, `the index lacks linux/arm64`, …). */
  reason: string;
  /** What the release tag points at now; null when it does not exist. */
  digest: string | null;
  /** What it will point at: known when left alone, else null (a new index, known once merged). */
  newDigest: string | null;
  platforms: PlatformPlan[];
  aliases: AliasPlan[];
  /** The snapshot tags this run writes first (with --snapshot-id), else null. */
  snapshot: SnapshotTags | null;
}

export interface PlatformPlan {
  platform: string;
  action: 'build' | 'reuse';
  /** Why it is built; empty when reused. */
  reasons: string[];
  /** Null while a base is yet to be rebuilt (its digest is an input). */
  inputDigest: string | null;
  /** The registry's image of the same tag and platform: reused, or replaced by the build. */
  existing: { ref: string; digest: string } | null;
  /** The digest the release index lists for this platform now; null when it lists none. */
  releaseDigest: string | null;
}

export interface AliasPlan {
  alias: string;
  ref: string;
  action: TagAction;
  /** What the alias points at now; null when it does not exist. */
  digest: string | null;
  /** The release tags of the same image holding `digest` now (where the alias points), sorted. */
  digestTags: string[];
  /** The tag it will point at. */
  target: string;
  /** Known when the target tag is left alone, else null (the target's new index). */
  newDigest: string | null;
}

export interface SnapshotTags {
  tag: string;
  platformTags: string[];
  aliases: string[];
}
