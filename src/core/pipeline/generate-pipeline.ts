/**
 * `image-manager generate-ci`: the catalog's FROM graph → a GitHub Actions workflow or a GitLab CI pipeline.
 * The same catalog and config always give the same bytes (no timestamps, stable order), so the committed file can
 * be checked for staleness with `checkPipeline`.
 */
import type { ProjectConfig } from '../config/types';
import type { CatalogSummary } from '../model/catalog-summary';
import { UsageError } from '../shared/errors';
import type { AffectedSet } from './affected-set';
import { resolveCiSettings, type CiProvider } from './ci-settings';
import { renderGithubWorkflow } from './github-workflow';
import { renderGitlabPipeline } from './gitlab-pipeline';
import { buildJobGraph } from './job-graph';
import { pruneReusedBuilds } from './prune-reused-builds';

export interface PipelineOptions {
  /**
   * GitLab only: the affected set of this run and the file it came from. The build jobs of reused platform images
   * are left out. Without it every build job is written (a committed pipeline: build itself reuses cheaply).
   */
  affected?: { set: AffectedSet; file: string };
}

export const AFFECTED_IS_GITLAB_ONLY =
  '--affected is for GitLab pipelines only: the GitHub workflow decides at run time (its generate job ' +
  'computes the affected set and the build jobs of unchanged images are skipped)';

/** Throws ConfigError (exit 2) listing every problem of the CI settings, e.g. a platform without a runner. */
export function generatePipeline(
  catalog: CatalogSummary,
  config: ProjectConfig,
  provider: CiProvider,
  options: PipelineOptions = {},
): string {
  if (provider === 'github' && options.affected) {
    throw new UsageError(AFFECTED_IS_GITLAB_ONLY);
  }
  const settings = resolveCiSettings(config, provider);
  const graph = buildJobGraph(
    catalog,
    settings.platforms.map((platform) => platform.name),
  );
  if (provider === 'github') return renderGithubWorkflow(graph, settings);
  if (!options.affected) return renderGitlabPipeline(graph, settings);
  const pruned = pruneReusedBuilds(graph, options.affected.set, options.affected.file);
  return renderGitlabPipeline(pruned.graph, settings, { omittedBuilds: pruned.omitted.length });
}
