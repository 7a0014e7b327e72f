/**
 * The provider-neutral job graph: every unit of CI work ("task") the catalog needs, with exactly the ordering it
 * requires and nothing more. The GitHub and GitLab serialisers only decide how tasks are packed into jobs; they
 * never invent ordering, so both providers inherit the same guarantees:
 *
 * - build(image, platform) needs build(parent, platform) for each FROM parent on the SAME platform, and nothing of
 *   the parent's other platforms, manifest, SBOM or tests: the child builds on the parent's platform image by
 *   digest, so the critical path is the depth of the FROM graph, not the number of images (PoC §6.3 chained
 *   children to the parent's tests).
 * - manifest(image) needs every build(image, *); sbom/test(image, p) need build(image, p) only.
 * - publish(image) needs the manifest and every SBOM and test of that image: release tags and aliases move only
 *   to digests whose tests passed on every platform.
 */
import type { CatalogSummary } from '../model/catalog-summary';

export type TaskKind = 'generate' | 'build' | 'manifest' | 'sbom' | 'test' | 'publish';

export interface Task {
  /** Unique key, e.g. `build|python|linux/arm64`. Internal: serialisers name their jobs themselves. */
  key: string;
  kind: TaskKind;
  image: string | null;
  platform: string | null;
  /** Keys of the tasks that must finish first. */
  needs: string[];
}

export interface GraphImage {
  name: string;
  /** Catalog images it builds on, sorted. */
  dependsOn: string[];
  /** Catalog images that build on it, sorted. */
  dependents: string[];
  /** 1 for images without catalog parents, else 1 + the deepest parent's level. */
  level: number;
}

export interface JobGraph {
  platforms: string[];
  /** Sorted by level, then name: a stable build order. */
  images: GraphImage[];
  tasks: Task[];
  /** The number of levels of the FROM graph (0 for an empty catalog). */
  depth: number;
}

export function taskKey(kind: TaskKind, image: string | null = null, platform: string | null = null): string {
  return [kind, image ?? '', platform ?? ''].join('|');
}

export function buildJobGraph(catalog: CatalogSummary, platforms: string[]): JobGraph {
  const images = orderImages(catalog);
  const tasks: Task[] = [{ key: taskKey('generate'), kind: 'generate', image: null, platform: null, needs: [] }];
  for (const image of images) {
    const name = image.name;
    for (const platform of platforms) {
      const parents = image.dependsOn.map((parent) => taskKey('build', parent, platform));
      tasks.push(task('build', name, platform, [taskKey('generate'), ...parents]));
    }
    tasks.push(
      task(
        'manifest',
        name,
        null,
        platforms.map((platform) => taskKey('build', name, platform)),
      ),
    );
    for (const kind of ['sbom', 'test'] as const) {
      for (const platform of platforms) tasks.push(task(kind, name, platform, [taskKey('build', name, platform)]));
    }
    const verified = (['sbom', 'test'] as const).flatMap((kind) =>
      platforms.map((platform) => taskKey(kind, name, platform)),
    );
    tasks.push(task('publish', name, null, [taskKey('manifest', name), ...verified]));
  }
  const depth = images.reduce((max, image) => Math.max(max, image.level), 0);
  return { platforms: [...platforms], images, tasks, depth };
}

function task(kind: TaskKind, image: string, platform: string | null, needs: string[]): Task {
  return { key: taskKey(kind, image, platform), kind, image, platform, needs };
}

/**
 * Levels and a deterministic order (level, then name) from the summary. The summary promises a build order and
 * catalog-only `dependsOn`; a violation is a bug upstream, so it throws a plain Error rather than a user error.
 */
function orderImages(catalog: CatalogSummary): GraphImage[] {
  const byName = new Map<string, string[]>();
  for (const image of catalog.images) {
    if (byName.has(image.name)) throw new Error(`catalog summary lists image "${image.name}" twice`);
    byName.set(image.name, [...new Set(image.dependsOn)].sort());
  }
  for (const [name, parents] of byName) {
    for (const parent of parents) {
      if (!byName.has(parent)) throw new Error(`catalog summary: "${name}" depends on unknown image "${parent}"`);
      if (parent === name) throw new Error(`catalog summary: "${name}" depends on itself`);
    }
  }
  const levels = new Map<string, number>();
  const visiting = new Set<string>();
  const levelOf = (name: string): number => {
    const known = levels.get(name);
    if (known !== undefined) return known;
    if (visiting.has(name)) throw new Error(`catalog summary: dependency cycle through "${name}"`);
    visiting.add(name);
    const parents = byName.get(name) ?? [];
    const level = 1 + parents.reduce((max, parent) => Math.max(max, levelOf(parent)), 0);
    visiting.delete(name);
    levels.set(name, level);
    return level;
  };
  const dependents = new Map<string, string[]>([...byName.keys()].map((name) => [name, []]));
  for (const [name, parents] of byName) for (const parent of parents) dependents.get(parent)?.push(name);
  return [...byName.keys()]
    .map((name) => ({
      name,
      dependsOn: byName.get(name) ?? [],
      dependents: (dependents.get(name) ?? []).sort(),
      level: levelOf(name),
    }))
    .sort((a, b) => a.level - b.level || compareText(a.name, b.name));
}

/** Code-unit order, independent of the machine's locale (generated files must not differ between machines). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
