import * as core from '@actions/core';
import * as path from 'node:path';
import { summariseCatalog } from '../../core/generate/catalog-summary';
import { loadCatalog } from '../../core/generate/load-catalog';
import { sourceDateEpoch } from '../../core/generate/source-date-epoch';
import { writeDist } from '../../core/generate/write-dist';
import { actionLogger } from '../shared/action-logger';
import { projectDirectory } from '../shared/workspace';
import { catalogSummaryTable } from './summary';
import type { GenerateInputs } from './inputs';

export async function generate(inputs: GenerateInputs): Promise<void> {
  const root = projectDirectory(inputs.workingDirectory);
  const catalog = await loadCatalog({ root, env: process.env, snapshotId: inputs.snapshotId, logger: actionLogger });
  const written = await writeDist(catalog, { logger: actionLogger, sourceDateEpoch: sourceDateEpoch(process.env) });
  const summary = summariseCatalog(catalog);
  core.setOutput('catalog', JSON.stringify(summary));
  core.setOutput('images', JSON.stringify(summary.order));
  core.setOutput('dist-dir', path.relative(root, written.distDir) || '.');
  await core.summary.addHeading('Image catalog', 2).addRaw(catalogSummaryTable(summary), true).write();
  core.info(`Generated ${written.tags} tags of ${catalog.images.length} images into ${written.distDir}`);
}
