import { booleanInput, listInput, optionalInput, requiredInput } from '../shared/inputs';
import type { StepInputs } from '../shared/step-environment';

export interface BuildPlatformInputs extends StepInputs {
  /** `image`, `image:tag` or `image:alias` arguments; empty means the whole catalog. */
  images: string[];
  platform: string;
  builder?: string;
  noCache: boolean;
}

/** The only place the build-platform action reads its inputs (declared in actions/build-platform/action.yml). */
export function getInputs(): BuildPlatformInputs {
  return {
    images: listInput('image'),
    platform: requiredInput('platform'),
    snapshotId: optionalInput('snapshot-id'),
    token: optionalInput('token'),
    workingDirectory: optionalInput('working-directory'),
    registry: optionalInput('registry'),
    builder: optionalInput('builder'),
    noCache: booleanInput('no-cache', false),
  };
}
