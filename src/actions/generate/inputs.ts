import { optionalInput } from '../shared/inputs';

export interface GenerateInputs {
  snapshotId?: string;
  workingDirectory?: string;
}

/** The only place the generate action reads its inputs (declared in actions/generate/action.yml). */
export function getInputs(): GenerateInputs {
  return { snapshotId: optionalInput('snapshot-id'), workingDirectory: optionalInput('working-directory') };
}
