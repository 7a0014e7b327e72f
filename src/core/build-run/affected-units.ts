/**
 * Which platform images a build would build, and why, without building anything: the same inputs and the same
 * decision as `build` (unit-inputs.ts, incremental/unit-decision.ts), in dependency order. A unit whose catalog
 * base is rebuilt is rebuilt too: the base's new digest is not known before it is built (if the rebuilt base comes
 * out byte-identical, `build` will still reuse the child). Used by `plan` and by the pipelines' first job.
 */
import type { RegistryClient } from '../registry';
import { decideUnit, type UnitDecision } from '../incremental/unit-decision';
import { platformImageRef } from './base-pins';
import { planBuild, type PlatformBuildUnit } from './build-plan';
import type { SelectedTag } from './targets';
import { collectUnitInputs, type UnitInputContext, type UnitInputs } from './unit-inputs';

export interface AffectedUnit {
  /** `lua:5.4.4 linux/amd64`, as build progress names it. */
  id: string;
  image: string;
  tag: string;
  platform: string;
  action: 'build' | 'reuse';
  /** Why it is built; empty when reused. */
  reasons: string[];
  /** Unknown (undefined) while a base is yet to be rebuilt. */
  inputDigest?: string;
  /** The registry's image that is reused, or that a build replaces. */
  existing?: { ref: string; digest: string };
}

export interface AffectedContext extends UnitInputContext {
  client: RegistryClient;
  force: boolean;
}

/** Called for each unit whose existing image is reused, before its children are decided (build --reuse-only). */
export type OnReusable = (unit: PlatformBuildUnit, inputs: UnitInputs, decision: UnitDecision) => Promise<void>;

export async function computeAffectedUnits(
  context: AffectedContext,
  targets: readonly SelectedTag[],
  platforms: readonly string[],
  onReusable?: OnReusable,
): Promise<AffectedUnit[]> {
  const jobs = planBuild(targets, platforms, false);
  const decided = new Map<string, AffectedUnit>();
  const pending = [...jobs];
  while (pending.length > 0) {
    const index = pending.findIndex((job) => job.dependsOn.every((dep) => decided.has(dep)));
    // planBuild only depends on units it planned, and the catalog graph has no cycles.
    if (index < 0) throw new Error(`affected units: unresolvable dependencies of ${pending[0].id}`);
    const [job] = pending.splice(index, 1);
    const unit = job.payload as PlatformBuildUnit;
    const base = {
      id: job.id,
      image: unit.image.name,
      tag: unit.tag.resolved.name,
      platform: unit.platform,
    };
    const rebuiltBases = job.dependsOn.filter((dep) => decided.get(dep)?.action === 'build');
    if (rebuiltBases.length > 0) {
      decided.set(job.id, {
        ...base,
        action: 'build',
        reasons: rebuiltBases.map((dep) => `base ${dep.split(' ')[0]} is rebuilt`),
      });
      continue;
    }
    const inputs = await collectUnitInputs(context, unit);
    const decision = await decideUnit(context.client, inputs.candidates, inputs.parts, context.force);
    const existing = decision.existing
      ? { ref: decision.existing.ref, digest: decision.existing.imageDigest }
      : undefined;
    const reused = decision.reasons.length === 0 && existing !== undefined;
    if (reused) {
      context.resolver.recordBuilt(platformImageRef(unit.tag.ref, unit.platform), existing.digest);
      await onReusable?.(unit, inputs, decision);
    }
    decided.set(job.id, {
      ...base,
      action: reused ? 'reuse' : 'build',
      reasons: decision.reasons,
      inputDigest: decision.inputDigest,
      ...(existing ? { existing } : {}),
    });
  }
  return jobs.map((job) => decided.get(job.id) as AffectedUnit);
}
