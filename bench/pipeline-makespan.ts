/**
 * Makespan of the generated pipelines vs two other layouts, on a synthetic 40-image catalog (depth 4, two
 * platforms), assuming unlimited runners: a job starts when everything it needs is done, and a matrix job lasts
 * as long as its slowest leg. Run: npx tsx bench/pipeline-makespan.ts
 *
 * Durations (minutes, seeded so every run prints the same figures), two profiles for the amd64 build:
 *   uniform — 3–12 per image;  skewed — 2–5 per image, but 15% of the images take 20–30 (a heavy toolchain).
 *   Everything else: build linux/arm64 1.25 × amd64; sbom 1; test 2; manifest 0.5; publish 0.5; generate 1.
 *   No queueing or runner start-up time.
 *
 * Layouts:
 *   ours (GitHub)  — the generated workflow, read back from its YAML (matrix groups included);
 *   ours (GitLab)  — the generated pipeline, read back from its YAML (one job per task: the ideal DAG);
 *   stage-per-level — generate, build level 1 … build level 4 (all images × platforms), then verify, then
 *                     publish; each stage starts when the previous one is completely done;
 *   PoC (§6.3)     — per image: build+sbom per platform needing the PARENTS' TESTS, manifest+retag needing both
 *                     builds, test needing the manifest (its needs graph, as if GitLab had accepted it; the real
 *                     file was rejected, B15, and ran arm64 emulated, B15c, which would make it slower still).
 */
import { generatePipeline } from '../src/core/pipeline';
import type { CatalogImageSummary } from '../src/core/model/catalog-summary';
import { catalog, image, mulberry32, projectConfig } from '../__tests__/core/pipeline/support/catalogs';
import {
  readGithubWorkflow,
  readGitlabPipeline,
  type ReadJob,
  type ReadKind,
} from '../__tests__/core/pipeline/support/pipeline-reader';

const LEVEL_SIZES = [4, 8, 12, 16];
const PLATFORMS = ['linux/amd64', 'linux/arm64'];
const FIXED: Record<Exclude<ReadKind, 'build'>, number> = {
  generate: 1,
  manifest: 0.5,
  sbom: 1,
  test: 2,
  publish: 0.5,
};

interface Job {
  id: string;
  duration: number;
  needs: string[];
}

type Profile = 'uniform' | 'skewed';

function buildMinutes(profile: Profile, random: () => number): number {
  if (profile === 'uniform') return 3 + 9 * random();
  return random() < 0.15 ? 20 + 10 * random() : 2 + 3 * random();
}

/** The FROM graph is the same for both profiles (its own PRNG); only the durations differ. */
function syntheticCatalog(
  seed: number,
  profile: Profile,
): { images: CatalogImageSummary[]; amd64: Map<string, number> } {
  const random = mulberry32(seed);
  const durations = mulberry32(seed + 1);
  const levels: string[][] = [];
  const images: CatalogImageSummary[] = [];
  const amd64 = new Map<string, number>();
  LEVEL_SIZES.forEach((size, level) => {
    const names = Array.from({ length: size }, (_, index) => `l${level + 1}-img${String(index + 1).padStart(2, '0')}`);
    for (const name of names) {
      const parents = new Set<string>();
      if (level > 0) {
        const previous = levels[level - 1];
        parents.add(previous[Math.floor(random() * previous.length)]);
        if (random() < 0.3) parents.add(previous[Math.floor(random() * previous.length)]);
        if (level > 1 && random() < 0.2) parents.add(levels[0][Math.floor(random() * levels[0].length)]);
      }
      images.push(image(name, [...parents].sort()));
      amd64.set(name, Math.round(buildMinutes(profile, durations) * 10) / 10);
    }
    levels.push(names);
  });
  return { images, amd64 };
}

function legDuration(
  kind: ReadKind,
  image: string | null,
  platform: string | null,
  amd64: Map<string, number>,
): number {
  if (kind !== 'build') return FIXED[kind];
  const base = amd64.get(image ?? '') ?? 0;
  return platform === 'linux/arm64' ? base * 1.25 : base;
}

function fromRead(jobs: ReadJob[], amd64: Map<string, number>): Job[] {
  return jobs.map((job) => ({
    id: job.id,
    needs: job.needs,
    duration: Math.max(...job.legs.map((leg) => legDuration(job.kind, leg.image, leg.platform, amd64))),
  }));
}

function makespan(jobs: Job[]): number {
  const byId = new Map(jobs.map((job) => [job.id, job]));
  const end = new Map<string, number>();
  const finish = (job: Job): number => {
    const known = end.get(job.id);
    if (known !== undefined) return known;
    const start = Math.max(0, ...job.needs.map((id) => finish(byId.get(id) as Job)));
    end.set(job.id, start + job.duration);
    return start + job.duration;
  };
  return Math.max(...jobs.map(finish));
}

function stagePerLevel(images: CatalogImageSummary[], amd64: Map<string, number>): number {
  const level = new Map<string, number>();
  const levelOf = (entry: CatalogImageSummary): number => {
    if (!level.has(entry.name)) {
      const parents = images.filter((candidate) => entry.dependsOn.includes(candidate.name));
      level.set(entry.name, 1 + Math.max(0, ...parents.map(levelOf)));
    }
    return level.get(entry.name) ?? 0;
  };
  images.forEach(levelOf);
  const depth = Math.max(...level.values());
  let total = FIXED.generate;
  for (let current = 1; current <= depth; current++) {
    const builds = images
      .filter((entry) => level.get(entry.name) === current)
      .flatMap((entry) => PLATFORMS.map((platform) => legDuration('build', entry.name, platform, amd64)));
    total += Math.max(...builds);
  }
  return total + Math.max(FIXED.manifest, FIXED.sbom, FIXED.test) + FIXED.publish;
}

function pocLayout(images: CatalogImageSummary[], amd64: Map<string, number>): Job[] {
  const jobs: Job[] = [{ id: 'generate', duration: FIXED.generate, needs: [] }];
  for (const entry of images) {
    for (const platform of PLATFORMS) {
      jobs.push({
        id: `build-${entry.name}-${platform}`,
        duration: legDuration('build', entry.name, platform, amd64) + FIXED.sbom,
        needs: ['generate', ...entry.dependsOn.map((parent) => `test-${parent}`)],
      });
    }
    jobs.push({
      id: `manifest-${entry.name}`,
      duration: FIXED.manifest + FIXED.publish,
      needs: PLATFORMS.map((platform) => `build-${entry.name}-${platform}`),
    });
    jobs.push({ id: `test-${entry.name}`, duration: FIXED.test, needs: [`manifest-${entry.name}`] });
  }
  return jobs;
}

function main(): void {
  for (const profile of ['uniform', 'skewed'] as const) {
    const { images, amd64 } = syntheticCatalog(42, profile);
    const summary = catalog(...images);
    const config = projectConfig();
    const github = generatePipeline(summary, config, 'github');
    const gitlab = generatePipeline(summary, config, 'gitlab');
    const githubJobs = readGithubWorkflow(github);
    const gitlabJobs = readGitlabPipeline(gitlab);
    const ours = makespan(fromRead(githubJobs, amd64));
    const rows: Array<[string, number]> = [
      ['ours (GitHub, matrix groups)', ours],
      ['ours (GitLab, one job per task)', makespan(fromRead(gitlabJobs, amd64))],
      ['stage-per-level', stagePerLevel(images, amd64)],
      ['PoC layout (§6.3)', makespan(pocLayout(images, amd64))],
    ];
    if (profile === 'uniform') {
      const leaves = images.filter((entry) => !images.some((other) => other.dependsOn.includes(entry.name))).length;
      const lines = (text: string): number => text.split('\n').length;
      const legs = githubJobs.reduce((count, job) => count + job.legs.length, 0);
      console.log(`catalog: ${images.length} images (levels ${LEVEL_SIZES.join('/')}, ${leaves} leaves), 2 platforms`);
      console.log(
        `GitHub workflow: ${githubJobs.length} jobs, ${legs} legs, ${lines(github)} lines, ${github.length} bytes`,
      );
      console.log(`GitLab pipeline: ${gitlabJobs.length} jobs, ${lines(gitlab)} lines, ${gitlab.length} bytes`);
    }
    console.log(`\n${profile} build durations:`);
    for (const [name, minutes] of rows) {
      console.log(`  ${name.padEnd(34)} ${minutes.toFixed(1).padStart(6)} min  ${(minutes / ours).toFixed(2)}× ours`);
    }
  }
}

main();
