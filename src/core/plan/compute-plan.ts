/**
 * The publish plan of a catalog: the registry's state read first (so an unreachable registry fails before any
 * input is hashed), then the very decisions `build` would make (computeAffectedUnits), then the comparison.
 * Reads dist/ and the registry; writes nothing.
 */
import { computeAffectedUnits, type AffectedContext } from '../build-run/affected-units';
import type { SelectedTag } from '../build-run/targets';
import { comparePlan } from './compare-plan';
import type { PublishPlan } from './plan-types';
import { readReleaseState } from './release-state';

export interface PlanOptions {
  targets: readonly SelectedTag[];
  /** The platforms to plan, normalised, in config order. */
  platforms: readonly string[];
  /** Every platform the config declares, normalised: what the merge puts into an index. */
  declaredPlatforms: readonly string[];
}

export async function computePublishPlan(context: AffectedContext, options: PlanOptions): Promise<PublishPlan> {
  const { catalog, client } = context;
  const states = await readReleaseState(client, catalog, options.targets, options.declaredPlatforms);
  const units = await computeAffectedUnits(context, options.targets, options.platforms);
  return comparePlan({
    registry: catalog.registry,
    snapshotId: catalog.snapshotId,
    plannedPlatforms: [...options.platforms],
    declaredPlatforms: [...options.declaredPlatforms],
    tags: states.map((state) => ({
      ...state,
      units: units.filter((unit) => unit.image === state.image && unit.tag === state.tag),
    })),
  });
}
