import * as core from '@actions/core';
import * as path from 'node:path';
import { summariseCatalog } from '../../core/generate/catalog-summary';
import { loadCatalog } from '../../core/generate/load-catalog';
import { sourceDateEpoch } from '../../core/generate/source-date-epoch';
import { writeDist } from '../../core/generate/write-dist';
import { actionLogger } from '../shared/action-logger';
import { prepareStep } from '../shared/step-environment';
import { catalogSummaryTable } from './summary';
import type { GenerateInputs } from './inputs';

export async function generate(inputs: GenerateInputs): Promise<void> {
  // The same registry and snapshot defaults as every other step, so later steps find dist/ up to date.
  const step = await prepareStep({ workingDirectory: inputs.workingDirectory, snapshotId: inputs.snapshotId });
  const catalog = await loadCatalog({
    root: step.root,
    env: step.env,
    snapshotId: step.snapshotId,
    logger: actionLogger,
  });
  const written = await writeDist(catalog, { logger: actionLogger, sourceDateEpoch: sourceDateEpoch(step.env) });
  const summary = summariseCatalog(catalog);
  core.setOutput('catalog', JSON.stringify(summary));
  core.setOutput('images', JSON.stringify(summary.order));
  core.setOutput('dist-dir', path.relative(step.root, written.distDir) || '.');
  await core.summary.addHeading('Image catalog', 2).addRaw(catalogSummaryTable(summary), true).write();
  core.info(`Generated ${written.tags} tags of ${catalog.images.length} images into ${written.distDir}`);
}
