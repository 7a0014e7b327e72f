/**
 * Promotion: release tags take exactly the digests a snapshot pipeline built and tested. The snapshot index
 * `<tag>-<id>` is copied byte for byte to `<tag>` (same digest, no rebuild, no blob moves), then its platform
 * images to `<tag>-linux-<arch>`, then the tag's release aliases (as the model computes them) to the same index.
 *
 * Everything is read and checked for every requested tag before the first write: a missing or partial snapshot
 * index, or a failed test report, refuses the whole promotion and nothing moves. Writes skip tags already right,
 * so promoting twice writes nothing the second time.
 */
import { validateSnapshotId } from '../generate/snapshot-id';
import type { CatalogImage } from '../generate/catalog';
import { platformSlug } from '../records/records';
import {
  applyTags,
  formatPlatform,
  formatReference,
  RegistryError,
  withDigest,
  withTag,
  type RepositoryRef,
  type TagUpdate,
} from '../registry';
import type { FetchedManifest } from '../registry/manifest-operations';
import { platformMatches } from '../registry/platform';
import { formatImageReference } from '../render/image-reference';
import { OperationError, UsageError } from '../shared/errors';
import {
  aliasesOf,
  declaredPlatforms,
  findCatalogTag,
  imageRepository,
  platformTag,
  publishedTag,
  tagDistDir,
} from './catalog-tags';
import { readManifestRecord, writeManifestRecord } from './manifest-record';
import { checkTestReports, type TestGateResult } from './test-report-gate';
import type { PublishContext } from './types';

export interface PromoteInput {
  snapshotId: string;
  targets: Array<{ image: string; tag: string }>;
  /** Promote even when test reports failed (the caller takes responsibility). */
  ignoreTestReports?: boolean;
}

export interface PromoteResult {
  image: string;
  tag: string;
  /** The release reference now pointing at `indexDigest`. */
  ref: string;
  /** The snapshot reference it was copied from. */
  from: string;
  indexDigest: string;
  index: TagUpdate;
  platformTags: TagUpdate[];
  aliases: TagUpdate[];
  /** Test reports found and checked (0: none found, promoted on the pipeline's word). */
  testReports: number;
  /** Test problems promoted over with ignoreTestReports. */
  testProblemsIgnored: string[];
}

interface PromotionPlan {
  image: CatalogImage;
  tag: string;
  repository: RepositoryRef;
  from: string;
  index: FetchedManifest;
  platforms: Array<{ platform: string; tag: string; manifest: FetchedManifest }>;
  aliases: string[];
  tests: TestGateResult;
}

export async function promoteTags(context: PublishContext, input: PromoteInput): Promise<PromoteResult[]> {
  const { catalog, logger } = context;
  if (catalog.snapshotId) {
    throw new UsageError(
      'promote works on the release catalog: load it without a snapshot id (the id names the source)',
    );
  }
  const snapshotId = validateSnapshotId(input.snapshotId);
  const targets = input.targets.map((t) => findCatalogTag(catalog, t.image, t.tag));
  const plans = await Promise.all(targets.map((t) => planPromotion(context, t.image, t.tag.resolved.name, snapshotId)));

  const problems = plans.flatMap((plan) => plan.problems);
  for (const plan of plans) {
    if (!plan.plan || plan.problems.length > 0) continue;
    const { tests } = plan.plan;
    if (tests.problems.length > 0 && input.ignoreTestReports) {
      for (const p of tests.problems) logger.warn(`IGNORED (--ignore-test-reports): ${p}`);
    } else problems.push(...tests.problems);
  }
  if (problems.length > 0) {
    throw new OperationError(`nothing was promoted:\n  - ${problems.join('\n  - ')}`);
  }

  const results: PromoteResult[] = [];
  for (const { plan } of plans) {
    if (!plan) continue;
    try {
      results.push(await writePromotion(context, plan));
    } catch (error) {
      const done = results.map((r) => `${r.image}:${r.tag}`);
      throw new OperationError(
        `promoting ${plan.image.name}:${plan.tag} failed: ${(error as Error).message}` +
          `${done.length ? `; already promoted: ${done.join(', ')}` : ''}; re-run to finish (tags already right are skipped)`,
        { cause: error },
      );
    }
  }
  return results;
}

async function planPromotion(
  context: PublishContext,
  image: CatalogImage,
  tag: string,
  snapshotId: string,
): Promise<{ plan?: PromotionPlan; problems: string[] }> {
  const { catalog, client } = context;
  const repository = imageRepository(catalog, image.name);
  const snapshotTag = publishedTag(tag, snapshotId);
  const source = withTag(repository, snapshotTag);
  const label = `${image.name}:${snapshotTag}`;
  let index: FetchedManifest;
  try {
    index = await client.getManifest(source);
  } catch (error) {
    if (!(error instanceof RegistryError && error.status === 404)) throw error;
    return {
      problems: [
        `${formatReference(source)} does not exist: publish the snapshot first (image-manager manifest ${image.name}:${tag} --snapshot-id ${snapshotId})`,
      ],
    };
  }
  if (index.parsed.kind !== 'index') {
    return { problems: [`${label} is a single-platform image, not a multi-platform index; run manifest for it first`] };
  }
  const entries = index.parsed.index.manifests;
  const platforms: PromotionPlan['platforms'] = [];
  const missing: string[] = [];
  for (const platform of declaredPlatforms(catalog)) {
    const entry = entries.find((m) => m.platform && platformMatches(platform, m.platform));
    if (!entry) missing.push(platform);
    else {
      const manifest = await client.getManifest(withDigest(repository, entry.digest));
      platforms.push({ platform, tag: platformTag(tag, undefined, platform), manifest });
    }
  }
  if (missing.length > 0) {
    const has = entries.map((m) => (m.platform ? formatPlatform(m.platform) : '?')).join(', ');
    return {
      problems: [
        `${label} lacks ${missing.join(', ')} (it has ${has || 'nothing'}): a partial index is never promoted; build the missing platforms and re-run manifest`,
      ],
    };
  }
  const gate = await checkTestReports({
    tagDir: tagDistDir(catalog, image.name, tag),
    platforms: platforms.map((p) => ({ platform: p.platform, digest: p.manifest.digest })),
    acceptedRefs: {
      tags: [snapshotTag, ...platforms.map((p) => `${snapshotTag}-${platformSlug(p.platform)}`)],
      digests: [index.digest, ...platforms.map((p) => p.manifest.digest)],
    },
  });
  const tests = { ...gate, problems: gate.problems.map((p) => `${label}: ${p}`) };
  return {
    plan: {
      image,
      tag,
      repository,
      from: formatImageReference(catalog.registry, image.name, tag, snapshotId),
      index,
      platforms,
      aliases: aliasesOf(image, tag),
      tests,
    },
    problems: [],
  };
}

/** Index first, then its platform tags, then the aliases: a failure never leaves an alias ahead of its tag. */
async function writePromotion(context: PublishContext, plan: PromotionPlan): Promise<PromoteResult> {
  const { catalog, client, logger } = context;
  const { repository, index } = plan;
  const indexSource = withDigest(repository, index.digest);
  const indexBytes = { bytes: index.bytes, mediaType: index.mediaType };
  const [indexUpdate] = await applyTags(
    client,
    { source: indexSource, tags: [plan.tag], manifest: indexBytes },
    logger,
  );
  const platformTags: TagUpdate[] = [];
  for (const p of plan.platforms) {
    const manifest = { bytes: p.manifest.bytes, mediaType: p.manifest.mediaType };
    const source = withDigest(repository, p.manifest.digest);
    platformTags.push(...(await applyTags(client, { source, tags: [p.tag], manifest }, logger)));
  }
  const aliases =
    plan.aliases.length > 0
      ? await applyTags(client, { source: indexSource, tags: plan.aliases, manifest: indexBytes }, logger)
      : [];
  const ref = formatImageReference(catalog.registry, plan.image.name, plan.tag);
  if (plan.tests.reports.length === 0) {
    logger.info(`${plan.image.name}:${plan.tag}: no test reports found; promoted on the pipeline's word`);
  }
  const tagDir = tagDistDir(catalog, plan.image.name, plan.tag);
  // An archive exported from the snapshot holds these very bytes, so the record keeps pointing at it.
  const previous = await readManifestRecord(tagDir);
  const archive = previous?.indexDigest === index.digest ? previous.archive : undefined;
  await writeManifestRecord(tagDir, {
    image: plan.image.name,
    tag: plan.tag,
    ref,
    indexDigest: index.digest,
    platforms: plan.platforms.map((p) => ({ platform: p.platform, digest: p.manifest.digest })),
    missingPlatforms: [],
    aliases: plan.aliases,
    ...(archive ? { archive } : {}),
  });
  return {
    image: plan.image.name,
    tag: plan.tag,
    ref,
    from: plan.from,
    indexDigest: index.digest,
    index: indexUpdate,
    platformTags,
    aliases,
    testReports: plan.tests.reports.length,
    testProblemsIgnored: plan.tests.problems,
  };
}
