import * as core from '@actions/core';
import { selectTargets } from '../../cli/commands/target-selection';
import { publishTag, type PublishTagResult } from '../../core/publish/merge-tag';
import { openPublishSession } from '../../core/publish/publish-session';
import { OperationError } from '../../core/shared/errors';
import { execProcess } from '../../core/shared/exec';
import { actionLogger } from '../shared/action-logger';
import { setPublishedOutputs } from '../shared/published-outputs';
import { prepareStep } from '../shared/step-environment';
import type { MergeManifestInputs } from './inputs';
import { mergeSummaryTable } from './summary';

/** `image-manager manifest` for the selected tags: every tag is tried, a failed one fails the step at the end. */
export async function mergeManifest(inputs: MergeManifestInputs): Promise<void> {
  const step = await prepareStep(inputs);
  const session = await openPublishSession({
    root: step.root,
    env: step.env,
    exec: execProcess,
    logger: actionLogger,
    snapshotId: step.snapshotId,
    indexMetadata: true,
  });
  const targets = selectTargets(session.catalog, inputs.images);
  const results: PublishTagResult[] = [];
  const failed: string[] = [];
  for (const target of targets) {
    try {
      results.push(await publishTag(session, { ...target, allowPartial: inputs.allowPartial }));
    } catch (error) {
      if (!(error instanceof OperationError)) throw error;
      actionLogger.error(error.message);
      failed.push(`${target.image}:${target.tag}`);
    }
  }
  const registry = session.catalog.registry;
  setPublishedOutputs(results, registry);
  const outcome = failed.length
    ? `**Not published: ${failed.join(', ')}** (the log says why).\n\n`
    : `Published ${results.length} multi-platform tag${results.length === 1 ? '' : 's'} to \`${registry}\`.\n\n`;
  await core.summary
    .addHeading('Multi-platform images', 2)
    .addRaw(outcome)
    .addRaw(mergeSummaryTable(results), true)
    .write();
  if (failed.length > 0)
    throw new OperationError(`failed to publish ${failed.length} of ${targets.length} tags: ${failed.join(', ')}`);
}
