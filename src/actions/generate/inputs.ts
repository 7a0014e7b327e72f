import { booleanInput, optionalInput } from '../shared/inputs';
import type { StepInputs } from '../shared/step-environment';

export interface GenerateInputs extends StepInputs {
  /** Also run `build --reuse-only` and output the platform images that still need a build. */
  affected: boolean;
  builder?: string;
}

/** The only place the generate action reads its inputs (declared in actions/generate/action.yml). */
export function getInputs(): GenerateInputs {
  return {
    snapshotId: optionalInput('snapshot-id'),
    workingDirectory: optionalInput('working-directory'),
    affected: booleanInput('affected', false),
    token: optionalInput('token'),
    registry: optionalInput('registry'),
    builder: optionalInput('builder'),
  };
}
