import * as core from '@actions/core';
import * as path from 'node:path';
import { selectTargets } from '../../cli/commands/target-selection';
import { normalisePlatform } from '../../core/build/platform';
import { selectPlatforms } from '../../core/build-run/platforms';
import { loadProjectConfig } from '../../core/config/load-project-config';
import { loadCatalog } from '../../core/generate/load-catalog';
import { writeCombinedReport } from '../../core/image-checks/combined-reports';
import { runImageTests } from '../../core/image-checks/image-tests';
import { loadTestConfigs } from '../../core/image-checks/test-configs';
import { registryClientFromConfig } from '../../core/publish/registry-from-config';
import { platformSlug } from '../../core/records/records';
import { OperationError } from '../../core/shared/errors';
import { execProcess } from '../../core/shared/exec';
import { actionLogger } from '../shared/action-logger';
import { imageSummaryTable } from '../shared/image-summary';
import { prepareStep } from '../shared/step-environment';
import { workspacePath } from '../shared/workspace-path';
import { failureList } from './failures';
import type { TestInputs } from './inputs';

/** `image-manager test --platform <p> --output <junit>` for the selected tags, with counts and a job summary. */
export async function test(inputs: TestInputs): Promise<void> {
  const step = await prepareStep(inputs);
  const { root, env } = step;
  const config = await loadProjectConfig(root, env, actionLogger);
  const catalog = await loadCatalog({ root, env, snapshotId: step.snapshotId, logger: actionLogger, config });
  const targets = selectTargets(catalog, inputs.images);
  const { platforms } = selectPlatforms(config, [inputs.platform]);
  const results = await runImageTests({
    catalog,
    client: registryClientFromConfig({ config, env, exec: execProcess, logger: actionLogger }),
    configs: await loadTestConfigs(catalog, targets),
    platforms,
    explicitPlatforms: true,
    skipCommandTests: false,
    runtime: inputs.runtime,
    exec: execProcess,
    env,
    logger: actionLogger,
    onResult: (result) => actionLogger.info(result.summary),
  });

  const tested = results.flatMap((tag) => tag.platforms);
  const distDir = path.resolve(root, config.dist_dir);
  const reportFile = path.join(
    distDir,
    'test-reports',
    `${reportName(inputs.images)}-${platformSlug(normalisePlatform(inputs.platform))}.junit.xml`,
  );
  await writeCombinedReport(reportFile, 'junit', tested);
  const count = (pick: (s: (typeof tested)[number]['report']['summary']) => number) =>
    tested.reduce((sum, p) => sum + pick(p.report.summary), 0);
  const passed = count((s) => s.passed);
  const failed = count((s) => s.failed + s.errors + s.notRun);
  core.setOutput('report-file', workspacePath(reportFile));
  core.setOutput('passed', String(passed));
  core.setOutput('failed', String(failed));

  const withoutTests = results.filter((tag) => !tag.hasTests).map((tag) => `${tag.image}:${tag.tag}`);
  const notes = withoutTests.length ? `No tests (no test.yml): ${withoutTests.join(', ')}.\n\n` : '';
  const checked = tested.flatMap(({ report }) => (report.ref ? [{ ...report, ref: report.ref }] : []));
  const table = await imageSummaryTable(distDir, new Set(targets.map((t) => t.image)), platforms, checked);
  await core.summary
    .addHeading(`Tests ${platforms.join(', ')}`, 2)
    .addRaw(`${passed} passed, ${failed} did not pass.\n\n${notes}${failureList(tested)}`)
    .addRaw(table, true)
    .write();
  const notPassed = tested.filter((p) => !p.passed);
  if (notPassed.length > 0) {
    throw new OperationError(
      `tests did not pass for ${notPassed.map((p) => `${p.report.image}:${p.report.tag} ${p.report.platform}`).join(', ')}`,
    );
  }
}

/** The report's file name part for the selected images: `app`, `app-base`, or `all`. */
function reportName(images: string[]): string {
  return images.length === 0 ? 'all' : images.join('-').replace(/[^A-Za-z0-9._-]+/g, '-');
}
