import { didYouMean } from '../../core/shared/did-you-mean';
import { UsageError } from '../../core/shared/errors';
import { RUNTIME_NAMES, type RuntimeName } from '../../core/structure-test';
import { listInput, optionalInput, requiredInput } from '../shared/inputs';
import type { StepInputs } from '../shared/step-environment';

export interface TestInputs extends StepInputs {
  /** `image`, `image:tag` or `image:alias` arguments; empty means the whole catalog. */
  images: string[];
  platform: string;
  runtime: RuntimeName | 'auto';
}

/** The only place the test action reads its inputs (declared in actions/test/action.yml). */
export function getInputs(): TestInputs {
  return {
    images: listInput('image'),
    platform: requiredInput('platform'),
    snapshotId: optionalInput('snapshot-id'),
    token: optionalInput('token'),
    runtime: runtimeInput(optionalInput('runtime') ?? 'auto'),
    workingDirectory: optionalInput('working-directory'),
    registry: optionalInput('registry'),
  };
}

function runtimeInput(value: string): RuntimeName | 'auto' {
  const names: readonly string[] = [...RUNTIME_NAMES, 'auto'];
  if (names.includes(value)) return value as RuntimeName | 'auto';
  const suggestion = didYouMean(value, names);
  throw new UsageError(
    `input "runtime": unknown container runtime "${value}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; use ${names.join(', ')}`,
  );
}
