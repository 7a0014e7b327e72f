/**
 * `image-manager generate-ci`: the catalog's FROM graph → a GitHub Actions workflow or a GitLab CI pipeline.
 * The same catalog and config always give the same bytes (no timestamps, stable order), so the committed file can
 * be checked for staleness with `checkPipeline`.
 */
import type { ProjectConfig } from '../config/types';
import type { CatalogSummary } from '../model/catalog-summary';
import { resolveCiSettings, type CiProvider } from './ci-settings';
import { renderGithubWorkflow } from './github-workflow';
import { renderGitlabPipeline } from './gitlab-pipeline';
import { buildJobGraph } from './job-graph';

/** Throws ConfigError (exit 2) listing every problem of the CI settings, e.g. a platform without a runner. */
export function generatePipeline(catalog: CatalogSummary, config: ProjectConfig, provider: CiProvider): string {
  const settings = resolveCiSettings(config, provider);
  const graph = buildJobGraph(
    catalog,
    settings.platforms.map((platform) => platform.name),
  );
  return provider === 'github' ? renderGithubWorkflow(graph, settings) : renderGitlabPipeline(graph, settings);
}
