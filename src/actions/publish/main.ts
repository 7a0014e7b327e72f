import * as core from '@actions/core';
import { selectTargets } from '../../cli/commands/target-selection';
import { promoteTags } from '../../core/publish/promote-tags';
import { openPublishSession } from '../../core/publish/publish-session';
import { UsageError } from '../../core/shared/errors';
import { execProcess } from '../../core/shared/exec';
import { actionLogger } from '../shared/action-logger';
import { setPublishedOutputs } from '../shared/published-outputs';
import { prepareStep } from '../shared/step-environment';
import type { PublishInputs } from './inputs';
import { publishSummaryTable } from './summary';

/** `image-manager promote --snapshot-id <id>` for the selected tags: all of them move, or none. */
export async function publish(inputs: PublishInputs): Promise<void> {
  const step = await prepareStep(inputs);
  if (!step.snapshotId) {
    throw new UsageError(
      'publish promotes a snapshot: set the snapshot-id input to the id the build, merge-manifest and test steps used',
    );
  }
  // The release catalog: the snapshot id names where the images come from, not what this run's tags are.
  const session = await openPublishSession({ root: step.root, env: step.env, exec: execProcess, logger: actionLogger });
  const targets = selectTargets(session.catalog, inputs.images);
  const results = await promoteTags(session, { snapshotId: step.snapshotId, targets });
  const registry = session.catalog.registry;
  setPublishedOutputs(results, registry);
  await core.summary
    .addHeading('Released', 2)
    .addRaw(
      `Promoted ${results.length} tag${results.length === 1 ? '' : 's'} from snapshot \`${step.snapshotId}\`.\n\n`,
    )
    .addRaw(publishSummaryTable(results), true)
    .write();
}
