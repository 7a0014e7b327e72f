import { readFileSync } from 'node:fs';
import { OperationError } from '../../core/shared/errors';

const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);

/**
 * The snapshot id of a step: the `snapshot-id` input, else `pr-<number>` on pull request events (the same id the
 * generated workflow computes, so steps of a hand-written workflow agree with each other), else none: a release
 * build of the default branch.
 */
export function snapshotIdFor(input: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  if (input) return input;
  if (!PULL_REQUEST_EVENTS.has(env.GITHUB_EVENT_NAME ?? '') || !env.GITHUB_EVENT_PATH) return undefined;
  let event: { pull_request?: { number?: unknown } };
  try {
    event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as typeof event;
  } catch (error) {
    throw new OperationError(`cannot read the event payload ${env.GITHUB_EVENT_PATH}: ${(error as Error).message}`);
  }
  const number = event.pull_request?.number;
  return typeof number === 'number' ? `pr-${number}` : undefined;
}
