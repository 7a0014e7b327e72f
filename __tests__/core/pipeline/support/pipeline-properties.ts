/**
 * The properties every generated pipeline must have, checked on the jobs read back from its YAML against the
 * catalog's FROM graph. Returns human-readable violations (empty when the pipeline is right), so a failing
 * property test says exactly which job broke which rule.
 */
import type { CatalogSummary } from '../../../../src/core/model/catalog-summary';
import { graphDepth } from './catalogs';
import type { ReadJob, ReadKind } from './pipeline-reader';

export interface ExpectedPlatform {
  name: string;
  /** Runner label (GitHub) or tags joined by ',' (GitLab) the platform's legs must run on. */
  runner: string;
}

export function pipelineViolations(jobs: ReadJob[], summary: CatalogSummary, platforms: ExpectedPlatform[]): string[] {
  const problems: string[] = [];
  const byId = new Map(jobs.map((job) => [job.id, job]));
  const owner = new Map<string, ReadJob>();
  const legKey = (kind: ReadKind, image: string | null, platform: string | null): string =>
    `${kind}|${image ?? ''}|${platform ?? ''}`;

  for (const job of jobs) {
    for (const need of job.needs) if (!byId.has(need)) problems.push(`${job.id} needs unknown job ${need}`);
    for (const leg of job.legs) {
      const key = legKey(job.kind, leg.image, leg.platform);
      if (owner.has(key)) problems.push(`${key} runs in both ${owner.get(key)?.id} and ${job.id}`);
      owner.set(key, job);
      const platform = platforms.find((candidate) => candidate.name === leg.platform);
      if (leg.platform && !platform) problems.push(`${job.id} runs unknown platform ${leg.platform}`);
      if (platform && leg.runner !== platform.runner) {
        problems.push(`${job.id}: ${leg.platform} leg runs on ${leg.runner}, not its native ${platform.runner}`);
      }
    }
  }
  const jobOf = (kind: ReadKind, image: string | null, platform: string | null): ReadJob | undefined => {
    const job = owner.get(legKey(kind, image, platform));
    if (!job) problems.push(`no job runs ${legKey(kind, image, platform)}`);
    return job;
  };
  const requireNeed = (job: ReadJob | undefined, needed: ReadJob | undefined, why: string): void => {
    if (job && needed && job !== needed && !job.needs.includes(needed.id)) {
      problems.push(`${job.id} does not need ${needed.id} (${why})`);
    }
  };

  for (const image of summary.images) {
    for (const { name: platform } of platforms) {
      const build = jobOf('build', image.name, platform);
      for (const parent of image.dependsOn) {
        requireNeed(build, jobOf('build', parent, platform), `${image.name} is built FROM ${parent} on ${platform}`);
      }
    }
    const publish = jobOf('publish', image.name, null);
    requireNeed(publish, jobOf('manifest', image.name, null), 'publish after the manifest');
    for (const { name: platform } of platforms) {
      requireNeed(publish, jobOf('test', image.name, platform), `publish only after ${platform} tests passed`);
      requireNeed(publish, jobOf('sbom', image.name, platform), `publish only after the ${platform} SBOM`);
    }
  }

  // Build jobs wait only for the generate job and builds of their own platform.
  for (const job of jobs.filter((candidate) => candidate.kind === 'build')) {
    const own = new Set(job.legs.map((leg) => leg.platform));
    if (own.size !== 1) problems.push(`${job.id} builds several platforms: ${[...own].join(', ')}`);
    for (const need of job.needs.map((id) => byId.get(id))) {
      if (!need || need.kind === 'generate') continue;
      const foreign = need.kind !== 'build' || need.legs.some((leg) => !own.has(leg.platform));
      if (foreign) problems.push(`${job.id} needs ${need.id}, which is not a build of the same platform`);
    }
  }

  // The longest needs-chain of build jobs per platform is the depth of the FROM graph.
  const { depth } = graphDepth(summary);
  for (const { name: platform } of platforms) {
    const builds = jobs.filter((job) => job.kind === 'build' && job.legs.some((leg) => leg.platform === platform));
    const chain = new Map<string, number>();
    const chainOf = (job: ReadJob, seen: Set<string>): number => {
      if (chain.has(job.id)) return chain.get(job.id) ?? 0;
      if (seen.has(job.id)) {
        problems.push(`needs cycle through ${job.id}`);
        return 0;
      }
      seen.add(job.id);
      const upstream = job.needs.map((id) => byId.get(id)).filter((need) => need?.kind === 'build') as ReadJob[];
      const length = 1 + Math.max(0, ...upstream.map((need) => chainOf(need, seen)));
      chain.set(job.id, length);
      return length;
    };
    const longest = Math.max(0, ...builds.map((job) => chainOf(job, new Set())));
    if (longest !== depth)
      problems.push(`${platform}: longest build chain is ${longest} jobs, graph depth is ${depth}`);
  }
  return problems;
}

/** GitLab: every need is in the same or an earlier stage (PoC B15). */
export function stageViolations(jobs: ReadJob[], stages: string[]): string[] {
  const stageOf = new Map(jobs.map((job) => [job.id, stages.indexOf(job.stage ?? '')]));
  const problems: string[] = [];
  for (const job of jobs) {
    const own = stageOf.get(job.id) ?? -1;
    if (own < 0) problems.push(`${job.id} is in unknown stage ${job.stage}`);
    for (const need of job.needs) {
      if ((stageOf.get(need) ?? Infinity) > own)
        problems.push(`${job.id} (stage ${job.stage}) needs ${need} from a later stage`);
    }
  }
  return problems;
}
