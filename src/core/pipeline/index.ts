/** The pipeline generator's public surface (used by the `generate-ci` command and the benchmarks). */
export { generatePipeline, type PipelineOptions } from './generate-pipeline';
export { parseAffectedSet, affectedUnit, type AffectedSet } from './affected-set';
export { checkPipeline, type PipelineCheck } from './check-pipeline';
export { unifiedLineDiff } from './line-diff';
export {
  resolveCiSettings,
  DEFAULT_ACTIONS_REF,
  DEFAULT_CI_IMAGE,
  DEFAULT_GITHUB_RUNNERS,
  DEFAULT_GITLAB_TAGS,
  type CiProvider,
  type CiSettings,
} from './ci-settings';
export { DEFAULT_ACTION_PINS, type ActionPin } from './action-pins';
export { buildJobGraph, type JobGraph, type Task, type TaskKind } from './job-graph';
export { layoutGithubJobs, type GithubJob } from './github-layout';
export { GITLAB_STAGES } from './gitlab-pipeline';
