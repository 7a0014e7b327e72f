import * as core from '@actions/core';
import * as path from 'node:path';
import { summariseCatalog } from '../../core/generate/catalog-summary';
import { loadCatalog } from '../../core/generate/load-catalog';
import { sourceDateEpoch } from '../../core/generate/source-date-epoch';
import { writeDist } from '../../core/generate/write-dist';
import { actionLogger } from '../shared/action-logger';
import { prepareStep } from '../shared/step-environment';
import { everyUnit, reuseUnchanged } from './affected';
import { affectedSummary, catalogSummaryTable } from './summary';
import type { GenerateInputs } from './inputs';

export async function generate(inputs: GenerateInputs): Promise<void> {
  // The same registry and snapshot defaults as every other step, so later steps find dist/ up to date.
  const step = await prepareStep(inputs);
  const catalog = await loadCatalog({
    root: step.root,
    env: step.env,
    snapshotId: step.snapshotId,
    logger: actionLogger,
  });
  const written = await writeDist(catalog, { logger: actionLogger, sourceDateEpoch: sourceDateEpoch(step.env) });
  const summary = summariseCatalog(catalog);
  const affected = inputs.affected
    ? await reuseUnchanged(step, inputs.builder)
    : everyUnit(
        summary.order,
        catalog.config.platforms.map((platform) => platform.name),
      );
  core.setOutput('catalog', JSON.stringify(summary));
  core.setOutput('images', JSON.stringify(summary.order));
  core.setOutput('dist-dir', path.relative(step.root, written.distDir) || '.');
  core.setOutput('build', JSON.stringify(affected.build));
  const report = core.summary.addHeading('Image catalog', 2).addRaw(catalogSummaryTable(summary), true);
  if (inputs.affected) report.addHeading('What this run builds', 3).addRaw(affectedSummary(affected), true);
  await report.write();
  core.info(`Generated ${written.tags} tags of ${catalog.images.length} images into ${written.distDir}`);
}
