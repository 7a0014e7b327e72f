/**
 * Everything the pipeline serialisers take from `.image-manager.yml`, resolved and checked once. Every mistake of
 * a run is collected and reported together as a ConfigError naming the field (exit code 2), e.g. a platform
 * without a native runner: building it on another architecture's runner would silently emulate it (PoC B15c).
 */
import type { ProjectConfig } from '../config/types';
import { ProblemCollector, type Problem } from '../shared/errors';
import { DEFAULT_ACTION_PINS, parseActionPin, type ActionPin } from './action-pins';
import { compareText } from './job-graph';
import { platformSlug } from './job-names';

export type CiProvider = 'github' | 'gitlab';

export const DEFAULT_ACTIONS_REF = 'image-manager/image-manager@v1';
export const DEFAULT_CI_IMAGE = 'ghcr.io/image-manager/image-manager:1';

/** Native runners for the platforms most projects build; any other platform must name its runner. */
export const DEFAULT_GITHUB_RUNNERS: Readonly<Record<string, string>> = {
  'linux/amd64': 'ubuntu-24.04',
  'linux/arm64': 'ubuntu-24.04-arm',
};
export const DEFAULT_GITLAB_TAGS: Readonly<Record<string, readonly string[]>> = {
  'linux/amd64': ['saas-linux-small-amd64'],
  'linux/arm64': ['saas-linux-small-arm64'],
};

export interface CiPlatform {
  name: string;
  /** Safe fragment for job and artifact names (`linux-arm64`). */
  key: string;
  githubRunner: string;
  gitlabTags: string[];
}

export interface CiSettings {
  provider: CiProvider;
  platforms: CiPlatform[];
  /** `owner/repo` and ref of our own actions: `uses: <repo>/actions/<name>@<ref>`. */
  actionsRepo: string;
  actionsRef: string;
  pins: Record<string, ActionPin>;
  /** Image the GitLab jobs run in. */
  image: string;
  /** Also keep SBOMs and test reports as downloadable artifacts (GitLab always keeps them as reports). */
  artifacts: boolean;
  distDir: string;
}

export function resolveCiSettings(config: ProjectConfig, provider: CiProvider): CiSettings {
  const problems = new ProblemCollector();
  const at = (path: Array<string | number>, problem: Omit<Problem, 'location' | 'field'>): void => {
    const location = config.locate ? config.locate(path) : config.file ? { file: config.file } : undefined;
    problems.add({ ...problem, field: fieldPath(path), ...(location ? { location } : {}) });
  };

  const platforms = resolvePlatforms(config, provider, at);
  const [actionsRepo, actionsRef] = resolveActionsRef(config.ci.actions_ref, at);
  const pins: Record<string, ActionPin> = { ...DEFAULT_ACTION_PINS };
  for (const [action, value] of Object.entries(config.ci.pins ?? {}).sort(([a], [b]) => compareText(a, b))) {
    const pin = parseActionPin(String(value));
    if (pin) pins[action] = pin;
    else
      at(['ci', 'pins', action], {
        message: `"${String(value)}" is not a full commit SHA`,
        hint: `pin ${action} to the 40-hex commit of a release, e.g. "<sha> # v1.2.3" (quoted so YAML keeps the comment)`,
      });
  }
  problems.throwIfAny();
  return {
    provider,
    platforms,
    actionsRepo,
    actionsRef,
    pins,
    image: config.ci.image?.trim() || DEFAULT_CI_IMAGE,
    artifacts: config.ci.artifacts === true,
    distDir: (config.dist_dir || 'dist').replace(/\/+$/, ''),
  };
}

type Report = (path: Array<string | number>, problem: Omit<Problem, 'location' | 'field'>) => void;

function resolvePlatforms(config: ProjectConfig, provider: CiProvider, at: Report): CiPlatform[] {
  if (config.platforms.length === 0) {
    at(['platforms'], { message: 'no platforms to build', hint: 'list at least one, e.g. `- name: linux/amd64`' });
  }
  const seen = new Set<string>();
  const platforms: CiPlatform[] = [];
  config.platforms.forEach((platform, index) => {
    if (seen.has(platform.name)) at(['platforms', index, 'name'], { message: `"${platform.name}" is listed twice` });
    seen.add(platform.name);
    const githubRunner = platform.github_runner?.trim() || DEFAULT_GITHUB_RUNNERS[platform.name];
    const gitlabTags = platform.gitlab_tags ?? [...(DEFAULT_GITLAB_TAGS[platform.name] ?? [])];
    if (provider === 'github' && !githubRunner) {
      at(['platforms', index], {
        message: `${platform.name} has no native GitHub runner`,
        hint: `set platforms[${index}].github_runner to the runs-on label of a ${platform.name} runner`,
      });
    }
    if (provider === 'gitlab' && gitlabTags.length === 0) {
      at(['platforms', index], {
        message: `${platform.name} has no GitLab runner tags`,
        hint: `set platforms[${index}].gitlab_tags to the tags of a ${platform.name} runner`,
      });
    }
    platforms.push({
      name: platform.name,
      key: platformSlug(platform.name),
      githubRunner: githubRunner ?? '',
      gitlabTags,
    });
  });
  return platforms;
}

function resolveActionsRef(value: string | undefined, at: Report): [string, string] {
  const text = value?.trim() || DEFAULT_ACTIONS_REF;
  const match = /^([A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+)@([A-Za-z0-9_./-]+)$/.exec(text);
  if (match) return [match[1], match[2]];
  at(['ci', 'actions_ref'], {
    message: `"${text}" is not an owner/repo@ref`,
    hint: `write it like ${DEFAULT_ACTIONS_REF}`,
  });
  return ['', ''];
}

function fieldPath(path: Array<string | number>): string {
  return path.reduce<string>(
    (text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${part}` : part),
    '',
  );
}
