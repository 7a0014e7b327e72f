/**
 * The pure half of the plan: the build decisions (affected units) and what the registry holds now, compared into
 * what happens to every release tag and alias. A release tag is left alone only when nothing is built for it and
 * its index already lists exactly the platform images the merge would list: the merge then writes the same index
 * (the same bytes, so the same digest) and promotion copies nothing new. Aliases follow their tag.
 */
import type { AffectedUnit } from '../build-run/affected-units';
import { platformTag, publishedTag } from '../publish/catalog-tags';
import {
  PLAN_FORMAT_VERSION,
  type AliasPlan,
  type PlatformPlan,
  type PublishPlan,
  type TagAction,
  type TagPlan,
} from './plan-types';

/** What a release tag holds now. */
export interface ReleaseIndex {
  digest: string;
  /** `index`, or `image` when a single-platform image sits under the tag (the merge replaces it). */
  kind: 'index' | 'image';
  /** Declared platform → digest of the index's entry for it; platforms the index lacks are absent. */
  platforms: Record<string, string>;
  /** Entries for no declared platform (the merge would drop them). */
  undeclaredEntries: number;
}

export interface TagInput {
  image: string;
  tag: string;
  /** `<registry>/<image>` as references are written. */
  repository: string;
  /** Release alias names pointing at this tag in the catalog, sorted. */
  aliases: string[];
  /** The build decisions for the planned platforms of this tag, in platform order. */
  units: AffectedUnit[];
  release: ReleaseIndex | null;
  /** Alias → the digest it points at now (null: absent). */
  aliasDigests: Record<string, string | null>;
  /** Digest → the release tags of this image that point at it now. */
  tagsByDigest: Record<string, string[]>;
}

export interface PlanInput {
  registry: string;
  snapshotId?: string;
  plannedPlatforms: string[];
  declaredPlatforms: string[];
  tags: TagInput[];
}

export function comparePlan(input: PlanInput): PublishPlan {
  const unplanned = input.declaredPlatforms.filter((p) => !input.plannedPlatforms.includes(p));
  const tags = input.tags.map((tag) => planTag(tag, input.snapshotId, unplanned));
  const units = tags.flatMap((t) => t.platforms);
  const count = (actions: TagAction[]): Record<TagAction, number> => ({
    create: actions.filter((a) => a === 'create').length,
    move: actions.filter((a) => a === 'move').length,
    leave: actions.filter((a) => a === 'leave').length,
  });
  return {
    planVersion: PLAN_FORMAT_VERSION,
    registry: input.registry,
    snapshotId: input.snapshotId ?? null,
    platforms: [...input.plannedPlatforms],
    unplannedPlatforms: unplanned,
    summary: {
      build: units.filter((u) => u.action === 'build').length,
      reuse: units.filter((u) => u.action === 'reuse').length,
      tags: count(tags.map((t) => t.action)),
      aliases: count(tags.flatMap((t) => t.aliases.map((a) => a.action))),
    },
    tags,
  };
}

function planTag(input: TagInput, snapshotId: string | undefined, unplanned: readonly string[]): TagPlan {
  const release = input.release;
  const platforms: PlatformPlan[] = input.units.map((unit) => ({
    platform: unit.platform,
    action: unit.action,
    reasons: [...unit.reasons],
    inputDigest: unit.inputDigest ?? null,
    existing: unit.existing ? { ...unit.existing } : null,
    releaseDigest: release?.platforms[unit.platform] ?? null,
  }));
  const { action, reason } = releaseAction(release, platforms, unplanned);
  const digest = release?.digest ?? null;
  const newDigest = action === 'leave' ? digest : null;
  return {
    image: input.image,
    tag: input.tag,
    ref: `${input.repository}:${input.tag}`,
    action,
    reason,
    digest,
    newDigest,
    platforms,
    aliases: input.aliases.map((alias) => planAlias(input, alias, newDigest)),
    snapshot: snapshotId
      ? {
          tag: publishedTag(input.tag, snapshotId),
          platformTags: platforms.map((p) => platformTag(input.tag, snapshotId, p.platform)),
          aliases: input.aliases.map((alias) => publishedTag(alias, snapshotId)),
        }
      : null,
  };
}

/**
 * Leave: every planned platform reuses exactly the image the release index lists for it, and the index lists
 * nothing else (a platform left out by --platform counts as it is in the registry, but must be there).
 */
function releaseAction(
  release: ReleaseIndex | null,
  platforms: readonly PlatformPlan[],
  unplanned: readonly string[],
): { action: TagAction; reason: string } {
  if (!release) return { action: 'create', reason: 'not in the registry yet' };
  const move = (reason: string) => ({ action: 'move' as const, reason });
  if (release.kind !== 'index') return move('a single-platform image is there now');
  const rebuilt = platforms.filter((p) => p.action === 'build').map((p) => p.platform);
  if (rebuilt.length > 0) return move(`${rebuilt.join(', ')} rebuilt`);
  const lacking = [...platforms.map((p) => p.platform), ...unplanned].filter((p) => !release.platforms[p]);
  if (lacking.length > 0) return move(`the index lacks ${lacking.join(', ')}`);
  const other = platforms.filter((p) => p.existing?.digest !== p.releaseDigest).map((p) => p.platform);
  if (other.length > 0) return move(`the index lists other images for ${other.join(', ')}`);
  if (release.undeclaredEntries > 0) return move('the index lists platforms that are not declared');
  return { action: 'leave', reason: 'nothing rebuilt, same platform images' };
}

function planAlias(input: TagInput, alias: string, tagNewDigest: string | null): AliasPlan {
  const digest = input.aliasDigests[alias] ?? null;
  const action: TagAction =
    digest === null ? 'create' : tagNewDigest !== null && digest === tagNewDigest ? 'leave' : 'move';
  return {
    alias,
    ref: `${input.repository}:${alias}`,
    action,
    digest,
    digestTags: digest ? [...(input.tagsByDigest[digest] ?? [])].sort() : [],
    target: input.tag,
    newDigest: tagNewDigest,
  };
}
