import * as core from '@actions/core';
import * as path from 'node:path';
import { selectTargets } from '../../cli/commands/target-selection';
import { selectPlatforms } from '../../core/build-run/platforms';
import { loadProjectConfig } from '../../core/config/load-project-config';
import { loadCatalog } from '../../core/generate/load-catalog';
import { runImageSboms } from '../../core/image-checks/image-sboms';
import { registryClientFromConfig } from '../../core/publish/registry-from-config';
import { escapeMarkdownCell as cell } from '../../core/report/markdown-escape';
import { OperationError } from '../../core/shared/errors';
import { execProcess } from '../../core/shared/exec';
import { actionLogger } from '../shared/action-logger';
import { imageSummaryTable } from '../shared/image-summary';
import { prepareStep } from '../shared/step-environment';
import { workspacePath } from '../shared/workspace-path';
import type { SbomInputs } from './inputs';
import { scannerForStep } from './scanner-for-step';

/** `image-manager sbom` for the selected tags and platform, with the scanner prepared for a GitHub runner. */
export async function sbom(inputs: SbomInputs): Promise<void> {
  const step = await prepareStep(inputs);
  const { root, env } = step;
  const config = await loadProjectConfig(root, env, actionLogger);
  const catalog = await loadCatalog({ root, env, snapshotId: step.snapshotId, logger: actionLogger, config });
  const targets = selectTargets(catalog, inputs.images);
  const selection = selectPlatforms(config, inputs.platform ? [inputs.platform] : []);
  const scanner = await scannerForStep({
    root,
    env,
    format: inputs.format,
    requested: inputs.scanner,
    logger: actionLogger,
  });
  const results = await runImageSboms({
    catalog,
    client: registryClientFromConfig({ config, env, exec: execProcess, logger: actionLogger }),
    targets,
    platforms: selection.platforms,
    explicitPlatforms: !selection.merge,
    format: inputs.format,
    scanner,
    exec: execProcess,
    env,
    logger: actionLogger,
  });

  const platforms = results.flatMap((tag) => tag.platforms);
  const written = platforms.flatMap((p) => (p.file ? [p.file] : []));
  core.setOutput('sbom-file', written.map(workspacePath).join('\n'));
  const counts = results.map((tag) => [
    `${tag.image}:${tag.tag}`,
    Object.fromEntries(tag.platforms.flatMap((p) => (p.record ? [[p.platform, p.record.packageCount]] : []))),
  ]);
  core.setOutput('package-counts', JSON.stringify(Object.fromEntries(counts)));

  const failed = platforms.filter((p) => p.error !== undefined);
  const failures = failed.map((p) => `- ❌ ${cell(`${p.image}:${p.tag} ${p.platform}: ${p.error}`)}\n`).join('');
  const table = await imageSummaryTable(
    path.resolve(root, config.dist_dir),
    new Set(targets.map((t) => t.image)),
    selection.platforms,
    platforms.flatMap((p) => (p.ref ? [{ ...p, ref: p.ref }] : [])),
  );
  await core.summary
    .addHeading(`SBOMs (${scanner.name}, ${inputs.format})`, 2)
    .addRaw(`${written.length} SBOM${written.length === 1 ? '' : 's'} written.\n\n${failures}${failures ? '\n' : ''}`)
    .addRaw(table, true)
    .write();
  if (failed.length > 0) {
    throw new OperationError(
      `${failed.length} of ${platforms.length} SBOMs could not be written: ${failed.map((p) => `${p.image}:${p.tag} ${p.platform}`).join(', ')}`,
    );
  }
}
