import { registerSecret } from '../../core/shared/redact';
import { registryOverride } from './github-registry';
import { snapshotIdFor } from './github-snapshot';
import { projectDirectory } from './workspace';

export interface StepInputs {
  workingDirectory?: string;
  snapshotId?: string;
  token?: string;
  registry?: string;
}

export interface StepEnvironment {
  /** The project root (working-directory inside the checkout). */
  root: string;
  snapshotId: string | undefined;
  /** process.env plus what the core needs on GitHub; handed to the core, process.env itself is never changed. */
  env: NodeJS.ProcessEnv;
  /** The push registry this step chose for the project, when it chose one (for the log and the summary). */
  registry: string | undefined;
}

/**
 * What every registry-facing action does first: find the project, pick the snapshot id, and give the core the
 * token (as GITHUB_TOKEN, which src/core/registry/ci-credentials.ts offers to ghcr.io only) and the push registry.
 * The token is registered as a secret before anything can print it; runAction turns that into core.setSecret.
 */
export async function prepareStep(inputs: StepInputs, processEnv = process.env): Promise<StepEnvironment> {
  const root = projectDirectory(inputs.workingDirectory);
  const env: NodeJS.ProcessEnv = { ...processEnv };
  if (inputs.token) {
    registerSecret(inputs.token);
    env.GITHUB_TOKEN = inputs.token;
  }
  const registry = await registryOverride(root, env, inputs.registry);
  if (registry) env.IMAGE_MANAGER_REGISTRY = registry;
  return { root, snapshotId: snapshotIdFor(inputs.snapshotId, env), env, registry };
}
