/**
 * How the neutral tasks are packed into GitHub jobs. GitHub's `needs` names a whole job: a job that needs a matrix
 * waits for every leg of it. So a matrix is used only where its legs share the same upstream jobs and nothing
 * downstream needs a single leg:
 *
 * 1. An image with dependents gets its own build job per platform (`build-<image>-<platform>`), so each child's
 *    build on platform p needs exactly its parents' builds on p and the critical path is the FROM-graph depth.
 * 2. Images without dependents (leaves) that have the SAME parents form a group (`on-<parents>`, or `standalone`
 *    for parentless ones). A group's jobs are matrices over its images: `build-on-base-linux-amd64` runs every
 *    leaf of `base` on amd64 as soon as base's amd64 build is done, exactly when individual jobs would start.
 *    A group of one image is laid out like rule 1.
 * 3. After the builds, per image (or group): `manifest-*` (matrix over images), `sbom-*` and `test-*` (matrices
 *    over images × platforms, each leg on its platform's native runner) and `publish-*` (needs the manifest, SBOMs
 *    and tests). The sbom/test legs of one image wait for all of its platform builds: they share one job, and
 *    the manifest needs all builds anyway, so this adds no time on the way to publish.
 *
 * Costs of rule 2, accepted to keep the file short: a group's manifest/sbom/test/publish start when its slowest
 * leaf build ends, and one failing leaf test holds back publishing of the whole group (never the other way
 * round: nothing is published untested). Matrices are split so no job exceeds GitHub's 256 legs.
 */
import { compareText, type JobGraph, type Task, type TaskKind } from './job-graph';
import { SlugAllocator, slug } from './job-names';

export const MAX_MATRIX_LEGS = 256;

export interface GithubJob {
  id: string;
  kind: TaskKind;
  /** Images the job covers; more than one means a matrix over images. */
  images: string[];
  /** Platforms the job covers: one for a build, all for sbom/test, none for generate/manifest/publish. */
  platforms: string[];
  /** Keys of the neutral tasks this job runs (one per matrix leg). */
  tasks: string[];
  /** Ids of the jobs it needs, in file order. */
  needs: string[];
}

interface Unit {
  id: string;
  images: string[];
}

export function layoutGithubJobs(graph: JobGraph, maxLegs = MAX_MATRIX_LEGS): GithubJob[] {
  const tasksByKey = new Map(graph.tasks.map((task) => [task.key, task]));
  const jobs: GithubJob[] = [];
  const owner = new Map<string, GithubJob>();
  const add = (id: string, kind: TaskKind, images: string[], platforms: string[], tasks: Task[]): void => {
    const job: GithubJob = { id, kind, images, platforms, tasks: tasks.map((task) => task.key), needs: [] };
    jobs.push(job);
    for (const task of tasks) owner.set(task.key, job);
  };
  const pick = (kind: TaskKind, images: string[], platforms: Array<string | null>): Task[] =>
    graph.tasks.filter(
      (task) => task.kind === kind && images.includes(task.image ?? '') && platforms.includes(task.platform),
    );

  add('generate', 'generate', [], [], [graph.tasks[0]]);
  for (const unit of units(graph, maxLegs)) {
    for (const platform of graph.platforms) {
      const id = `build-${unit.id}-${slug(platform)}`;
      add(id, 'build', unit.images, [platform], pick('build', unit.images, [platform]));
    }
    add(`manifest-${unit.id}`, 'manifest', unit.images, [], pick('manifest', unit.images, [null]));
    for (const kind of ['sbom', 'test'] as const) {
      add(`${kind}-${unit.id}`, kind, unit.images, graph.platforms, pick(kind, unit.images, graph.platforms));
    }
    add(`publish-${unit.id}`, 'publish', unit.images, [], pick('publish', unit.images, [null]));
  }

  const position = new Map(jobs.map((job, index) => [job, index]));
  for (const job of jobs) {
    const needed = new Set<GithubJob>();
    for (const key of job.tasks) {
      for (const need of tasksByKey.get(key)?.needs ?? []) {
        const other = owner.get(need);
        if (!other) throw new Error(`pipeline layout: no job runs task ${need}`);
        if (other !== job) needed.add(other);
      }
    }
    job.needs = [...needed].sort((a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0)).map((other) => other.id);
  }
  const ids = new Set(jobs.map((job) => job.id));
  if (ids.size !== jobs.length) throw new Error('pipeline layout: two jobs got the same id');
  return jobs;
}

/** Rules 1 and 2: one unit per image with dependents, one per group of leaves with the same parents. */
function units(graph: JobGraph, maxLegs: number): Unit[] {
  const names = new SlugAllocator(['generate']);
  const groups = new Map<string, string[]>();
  for (const image of graph.images) {
    if (image.dependents.length > 0) continue;
    const key = image.dependsOn.join('\n');
    groups.set(key, [...(groups.get(key) ?? []), image.name]);
  }
  const perChunk = Math.max(1, Math.floor(maxLegs / Math.max(1, graph.platforms.length)));
  const result: Unit[] = [];
  const placed = new Set<string>();
  for (const image of graph.images) {
    if (placed.has(image.name)) continue;
    const members = image.dependents.length > 0 ? [image.name] : (groups.get(image.dependsOn.join('\n')) ?? []);
    if (members.length <= 1) {
      result.push({ id: names.get(image.name), images: [image.name] });
      placed.add(image.name);
      continue;
    }
    const base = image.dependsOn.length > 0 ? `on-${image.dependsOn.map(slug).join('-')}` : 'standalone';
    const sorted = [...members].sort(compareText);
    for (let start = 0, part = 1; start < sorted.length; start += perChunk, part++) {
      const chunk = sorted.slice(start, start + perChunk);
      const chunkBase = sorted.length > perChunk ? `${base}-${part}` : base;
      result.push({ id: names.claim(slug(chunkBase), `group:${chunkBase}`), images: chunk });
      for (const member of chunk) placed.add(member);
    }
  }
  return result;
}
