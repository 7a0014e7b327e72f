/**
 * The publish plan for scripts: the PublishPlan object as it is (plan-types.ts is the contract, versioned by
 * `planVersion`), two-space indented with a final newline. Keys come out in the order comparePlan builds them, so
 * the same registry state and catalog give the same bytes.
 */
import type { PublishPlan } from './plan-types';

export function renderPlanJson(plan: PublishPlan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}
