/**
 * The build run: every selected tag × platform in dependency order, independent ones in parallel, then (without
 * `--platform`) each tag's multi-platform merge with its aliases. A failure stops only what builds on it; the run
 * ends with the list of what failed and what was skipped, and the caller turns that into exit code 1.
 */
import type { GitMetadata } from '../build/git-info';
import type { EmulationCheckOptions } from '../build/platform';
import type { S3Cache } from '../build/cache-settings';
import type { Builder, BuilderKind } from '../build/types';
import type { Catalog } from '../generate/catalog';
import type { MergeTag, MergeTagResult } from '../publish/types';
import type { BuildRecord } from '../records/records';
import type { RegistryClient } from '../registry';
import type { Logger } from '../shared/logger';
import { UpstreamPins } from '../incremental/upstream-pins';
import { BaseDigestResolver } from './base-digests';
import { computeAffectedUnits, type AffectedUnit } from './affected-units';
import { buildPlatformImage, reusePlatformImage } from './build-platform-image';
import { buildUnitId, planBuild, type BuildUnit, type MergeUnit } from './build-plan';
import { runDag } from './dag-runner';
import { checkPlatformsRunnable, prepareCache } from './preflight';
import { formatDuration, ProgressReporter, shortDigest } from './progress';
import type { SelectedTag } from './targets';

export interface BuildRunOptions {
  catalog: Catalog;
  /** Absolute path of dist/ (already generated and fresh). */
  distDir: string;
  targets: SelectedTag[];
  platforms: string[];
  /** Merge each tag's platforms into an index (and apply aliases) once they are all built. */
  merge: boolean;
  builder: Builder;
  client: RegistryClient;
  /** A client for upstream digest lookups that gives up quickly; default `client`. */
  upstreamClient?: RegistryClient;
  /** Required when `merge` is true. */
  mergeTag?: MergeTag;
  jobs: number;
  noCache: boolean;
  /** Build even what the registry already has from the same inputs (implied by noCache). */
  force?: boolean;
  /** Use the upstream digests of the lock file (and add missing ones) instead of the current ones. */
  pinUpstream?: boolean;
  /** The lock file's upstream digests (see incremental/upstream-lock.ts). */
  upstreamLock?: Record<string, string>;
  insecureRegistries: string[];
  sourceDateEpoch?: number;
  git: GitMetadata;
  env: NodeJS.ProcessEnv;
  logger: Logger;
  emulation?: EmulationCheckOptions;
  checkS3: (settings: S3Cache) => Promise<void>;
}

export interface BuildRunResult {
  /** Every platform image of the run, built or reused (`reusedFrom` set). */
  records: BuildRecord[];
  merges: MergeTagResult[];
  failed: Array<{ id: string; message: string }>;
  skipped: Array<{ id: string; reason: string }>;
  durationMs: number;
  /** The upstream lock with digests this run added under pinUpstream; undefined when unchanged. */
  updatedLock?: Record<string, string>;
}

export async function runBuild(options: BuildRunOptions): Promise<BuildRunResult> {
  const started = Date.now();
  const { logger } = options;
  if (options.merge && !options.mergeTag)
    throw new Error('runBuild: merge requested without a mergeTag implementation');
  checkPlatformsRunnable(options.platforms, options.emulation);
  const cache = await prepareCache(options.catalog.config.cache, {
    builder: options.builder,
    env: options.env,
    logger,
    registry: options.catalog.registry,
    checkS3: options.checkS3,
  });
  const resolver = new BaseDigestResolver({ client: options.client, upstreamClient: options.upstreamClient, logger });
  const jobs = planBuild(options.targets, options.platforms, options.merge);
  const progress = new ProgressReporter(jobs.length, logger);
  const startedAt = new Map<string, number>();
  const upstream = new UpstreamPins(resolver, {
    pin: options.pinUpstream === true,
    locked: options.upstreamLock ?? {},
  });
  const force = options.force === true || options.noCache;
  const platformContext = { ...options, cache, resolver, upstream, force };
  const digests = new Map<string, string>();

  const outcomes = await runDag<BuildUnit, BuildRecord | MergeTagResult>(jobs, {
    concurrency: options.jobs,
    run: async (job) => {
      startedAt.set(job.id, Date.now());
      const unit = job.payload;
      if (unit.kind === 'build') {
        progress.started(job.id, 'building');
        const record = await buildPlatformImage(platformContext, unit);
        digests.set(job.id, record.digest);
        return record;
      }
      progress.started(job.id, `merging ${unit.platforms.join(', ')}`);
      return mergeOne(options, unit, digests);
    },
    onOutcome: (job, outcome) => {
      const ms = Date.now() - (startedAt.get(job.id) ?? Date.now());
      if (outcome.status === 'succeeded') progress.succeeded(job.id, describeSuccess(job.payload, outcome.value, ms));
      else if (outcome.status === 'failed') progress.failed(job.id, ms, outcome.error.message);
      else progress.skipped(job.id, outcome.reason);
    },
  });

  const result: BuildRunResult = { records: [], merges: [], failed: [], skipped: [], durationMs: 0 };
  for (const job of jobs) {
    const outcome = outcomes.get(job.id);
    if (!outcome) continue;
    if (outcome.status === 'failed') result.failed.push({ id: job.id, message: outcome.error.message });
    else if (outcome.status === 'skipped') result.skipped.push({ id: job.id, reason: outcome.reason });
    else if (job.payload.kind === 'build') result.records.push(outcome.value as BuildRecord);
    else result.merges.push(outcome.value as MergeTagResult);
  }
  result.durationMs = Date.now() - started;
  const updatedLock = upstream.updatedLock();
  if (updatedLock) result.updatedLock = updatedLock;
  return result;
}

async function mergeOne(
  options: BuildRunOptions,
  unit: MergeUnit,
  digests: Map<string, string>,
): Promise<MergeTagResult> {
  const platformDigests: Record<string, string> = {};
  for (const platform of unit.platforms) {
    const digest = digests.get(buildUnitId(unit.image.name, unit.tag.resolved.name, platform));
    if (digest) platformDigests[platform] = digest;
  }
  const mergeTag = options.mergeTag as MergeTag;
  return mergeTag(
    { catalog: options.catalog, client: options.client, logger: options.logger },
    { image: unit.image.name, tag: unit.tag.resolved.name, platformDigests, allowPartial: false, exportArchive: false },
  );
}

function describeSuccess(unit: BuildUnit, value: BuildRecord | MergeTagResult, ms: number): string {
  if (unit.kind === 'build') {
    const record = value as BuildRecord;
    if (record.reusedFrom) return `unchanged, reused ${record.reusedFrom}@${shortDigest(record.digest)}`;
    return `built in ${formatDuration(ms)} (${shortDigest(record.digest)})`;
  }
  const merged = value as MergeTagResult;
  const moved = merged.aliases.filter((a) => a.changed).map((a) => a.tag);
  const kept = merged.aliases.filter((a) => !a.changed).map((a) => a.tag);
  const aliases = [
    moved.length > 0 ? `moved ${moved.join(', ')}` : '',
    kept.length > 0 ? `unchanged ${kept.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('; ');
  return `merged in ${formatDuration(ms)}: ${merged.ref}@${shortDigest(merged.indexDigest)}${aliases ? `; aliases ${aliases}` : ''}`;
}

/** The closing lines: counts, then every failure and every skipped unit with its reason. */
export function summariseBuildRun(result: BuildRunResult, logger: Logger): void {
  const reused = result.records.filter((record) => record.reusedFrom).length;
  const built = result.records.length - reused;
  const parts = [`${built} platform image${built === 1 ? '' : 's'} built`];
  if (reused > 0) parts.push(`${reused} unchanged (reused)`);
  if (result.merges.length > 0)
    parts.push(`${result.merges.length} tag${result.merges.length === 1 ? '' : 's'} merged`);
  if (result.failed.length > 0) parts.push(`${result.failed.length} failed`);
  if (result.skipped.length > 0) parts.push(`${result.skipped.length} skipped`);
  logger.info(`${parts.join(', ')} in ${formatDuration(result.durationMs)}`);
  if (result.failed.length > 0) {
    logger.error(`failed:\n${result.failed.map((f) => `  ${f.id}: ${firstLine(f.message)}`).join('\n')}`);
  }
  if (result.skipped.length > 0) {
    logger.error(`skipped:\n${result.skipped.map((s) => `  ${s.id}: because ${s.reason}`).join('\n')}`);
  }
}

function firstLine(text: string): string {
  return text.split('\n')[0];
}

export interface ReuseOnlyResult {
  /** Records of the platform images reused (their tags now point at them). */
  records: BuildRecord[];
  /** Every unit with what a build would do. */
  units: AffectedUnit[];
  durationMs: number;
  /** As in BuildRunResult. */
  updatedLock?: Record<string, string>;
}

/**
 * `build --reuse-only`: the cheap first job of a pipeline. Points the tags of every unchanged platform image at the
 * registry's image and records it, builds nothing, and says which units still need a build (a changed input, or a
 * catalog base that needs one), so the pipeline starts build jobs only for those.
 */
export type ReuseOnlyOptions = Omit<BuildRunOptions, 'builder'> & { builderKind: BuilderKind };

export async function runReuseOnly(options: ReuseOnlyOptions): Promise<ReuseOnlyResult> {
  const started = Date.now();
  const { logger } = options;
  const resolver = new BaseDigestResolver({ client: options.client, upstreamClient: options.upstreamClient, logger });
  const upstream = new UpstreamPins(resolver, {
    pin: options.pinUpstream === true,
    locked: options.upstreamLock ?? {},
  });
  const context = {
    ...options,
    resolver,
    upstream,
    force: options.force === true || options.noCache,
  };
  const records: BuildRecord[] = [];
  const units = await computeAffectedUnits(
    context,
    options.targets,
    options.platforms,
    async (unit, inputs, decision) => {
      records.push(await reusePlatformImage(context, unit, inputs, decision));
    },
  );
  for (const unit of units) {
    if (unit.action === 'build') logger.info(`${unit.id}: needs a build: ${unit.reasons.join('; ')}`);
  }
  const updatedLock = upstream.updatedLock();
  return { records, units, durationMs: Date.now() - started, ...(updatedLock ? { updatedLock } : {}) };
}

/** The affected-set file: which image/platform pairs need a build job (see build --affected-file). */
export function affectedSet(units: readonly AffectedUnit[]): { version: 1; build: string[]; reused: string[] } {
  const key = (unit: AffectedUnit) => `${unit.image} ${unit.platform}`;
  const build = new Set(units.filter((unit) => unit.action === 'build').map(key));
  const reused = new Set(units.map(key).filter((pair) => !build.has(pair)));
  const sorted = (set: Set<string>) => [...set].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { version: 1, build: sorted(build), reused: sorted(reused) };
}
