import { listInput, optionalInput } from '../shared/inputs';
import type { StepInputs } from '../shared/step-environment';

export interface PublishInputs extends StepInputs {
  /** `image`, `image:tag` or `image:alias` arguments; empty means the whole catalog. */
  images: string[];
}

/** The only place the publish action reads its inputs (declared in actions/publish/action.yml). */
export function getInputs(): PublishInputs {
  return {
    images: listInput('image'),
    snapshotId: optionalInput('snapshot-id'),
    token: optionalInput('token'),
    workingDirectory: optionalInput('working-directory'),
    registry: optionalInput('registry'),
  };
}
