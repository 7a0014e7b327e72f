import { booleanInput, listInput, optionalInput } from '../shared/inputs';
import type { StepInputs } from '../shared/step-environment';

export interface MergeManifestInputs extends StepInputs {
  /** `image`, `image:tag` or `image:alias` arguments; empty means the whole catalog. */
  images: string[];
  allowPartial: boolean;
}

/** The only place the merge-manifest action reads its inputs (declared in actions/merge-manifest/action.yml). */
export function getInputs(): MergeManifestInputs {
  return {
    images: listInput('image'),
    snapshotId: optionalInput('snapshot-id'),
    token: optionalInput('token'),
    workingDirectory: optionalInput('working-directory'),
    registry: optionalInput('registry'),
    allowPartial: booleanInput('allow-partial', false),
  };
}
