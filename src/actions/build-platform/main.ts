import * as core from '@actions/core';
import * as path from 'node:path';
import { buildCommand } from '../../cli/commands/build';
import type { ParsedCommandLine } from '../../cli/command';
import { normalisePlatform } from '../../core/build/platform';
import { selectTargets } from '../../core/build-run/targets';
import { loadCatalog } from '../../core/generate/load-catalog';
import { OperationError } from '../../core/shared/errors';
import { silentLogger } from '../../core/shared/logger';
import { actionLogger } from '../shared/action-logger';
import { imageSummaryTable } from '../shared/image-summary';
import { prepareStep } from '../shared/step-environment';
import type { BuildPlatformInputs } from './inputs';
import { recordsWrittenSince } from './records-written';

/**
 * Runs `image-manager build <images> --platform <platform>` itself (not a re-implementation): the command owns the
 * build's preflight checks, dist/ freshness, builder choice and reproducible timestamps, so the action and the CLI
 * cannot drift apart. Its errors reach runAction unchanged, so config mistakes still become annotations.
 */
export async function buildPlatform(inputs: BuildPlatformInputs): Promise<void> {
  const step = await prepareStep(inputs);
  const platform = normalisePlatform(inputs.platform);
  const values: ParsedCommandLine['values'] = { platform: [platform] };
  if (step.snapshotId) values['snapshot-id'] = step.snapshotId;
  if (inputs.builder) values.builder = inputs.builder;
  if (inputs.noCache) values['no-cache'] = true;
  const started = Date.now();
  const code = await buildCommand.run(
    { values, positionals: inputs.images },
    {
      cwd: step.root,
      env: step.env,
      stdout: (text) => process.stdout.write(text),
      stderr: (text) => process.stderr.write(text),
      logger: actionLogger,
    },
  );

  const catalog = await loadCatalog({
    root: step.root,
    env: step.env,
    snapshotId: step.snapshotId,
    logger: silentLogger,
  });
  const targets = selectTargets(catalog, inputs.images);
  const distDir = path.resolve(step.root, catalog.config.dist_dir);
  const records = await recordsWrittenSince(distDir, targets, platform, started);
  core.setOutput('digests', JSON.stringify(Object.fromEntries(records.map((r) => [`${r.image}:${r.tag}`, r.digest]))));
  core.setOutput('refs', JSON.stringify(records.map((r) => r.ref)));

  const images = new Set(targets.map((t) => t.image.name));
  const failed = targets.length - records.length;
  const table = await imageSummaryTable(distDir, images, [platform]);
  const outcome =
    failed > 0
      ? `**${failed} of ${targets.length} tags did not build**: the log lists what failed and what was skipped.\n\n`
      : `Pushed ${records.length} platform image${records.length === 1 ? '' : 's'} to \`${catalog.registry}\`.\n\n`;
  await core.summary.addHeading(`Build ${platform}`, 2).addRaw(outcome).addRaw(table, true).write();
  if (code !== 0) throw new OperationError(`the ${platform} build failed for ${failed} of ${targets.length} tags`);
}
