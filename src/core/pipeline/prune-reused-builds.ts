/**
 * Removes the build tasks of reused platform images from the job graph, for a pipeline generated during the run
 * (GitLab's child pipeline). Every `needs` on a removed build is dropped rather than kept as an optional need: the
 * generator knows exactly which jobs exist, so the file says what each job really waits for, and a need on a job
 * that should exist but does not still fails loudly instead of being silently ignored.
 *
 * What still runs for a reused image is correct without its build: its snapshot platform tags already point at
 * the registry's image (build --reuse-only did that before this pipeline was written), so the merge, the SBOM,
 * the tests and the promotion find it there, and a changed child builds on it from the registry.
 */
import { UsageError } from '../shared/errors';
import { affectedUnit, isReused, type AffectedSet } from './affected-set';
import type { JobGraph } from './job-graph';

export interface PrunedGraph {
  graph: JobGraph;
  /** `<image> <platform>` of the build tasks left out, in graph order. */
  omitted: string[];
}

export function pruneReusedBuilds(graph: JobGraph, affected: AffectedSet, file: string): PrunedGraph {
  const known = new Set(graph.images.flatMap((image) => graph.platforms.map((p) => affectedUnit(image.name, p))));
  const unknown = [...affected.build, ...affected.reused].filter((unit) => !known.has(unit)).sort();
  if (unknown.length > 0) {
    const shown = unknown.slice(0, 5).join(', ') + (unknown.length > 5 ? `, … (${unknown.length} in all)` : '');
    throw new UsageError(
      `${file} names platform images the catalog does not build (${shown}): ` +
        'write it with `image-manager build --reuse-only --affected-file FILE` for this catalog and its platforms',
    );
  }
  const removed = new Set<string>();
  const omitted: string[] = [];
  for (const task of graph.tasks) {
    if (task.kind !== 'build' || !task.image || !task.platform) continue;
    if (!isReused(affected, task.image, task.platform)) continue;
    removed.add(task.key);
    omitted.push(affectedUnit(task.image, task.platform));
  }
  const tasks = graph.tasks
    .filter((task) => !removed.has(task.key))
    .map((task) => ({ ...task, needs: task.needs.filter((need) => !removed.has(need)) }));
  return { graph: { ...graph, tasks }, omitted };
}
