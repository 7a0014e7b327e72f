/**
 * The platforms of .image-manager.yml. Each platform builds natively on its own runner, so every platform carries
 * the runner that builds it; the two common ones come with the hosted runners of GitHub and GitLab.
 */
import { type ConfigContext, problemAt } from './config-context';
import type { RawPlatform } from './raw-project-config';
import type { PlatformConfig } from './types';

const SHORT_NAMES: Record<string, string> = { amd64: 'linux/amd64', arm64: 'linux/arm64' };

const RUNNERS: Record<string, Omit<PlatformConfig, 'name'>> = {
  'linux/amd64': { github_runner: 'ubuntu-24.04', gitlab_tags: ['saas-linux-small-amd64'] },
  'linux/arm64': { github_runner: 'ubuntu-24.04-arm', gitlab_tags: ['saas-linux-small-arm64'] },
};

/** Without `platforms`, both, as the proof of concept built: its users keep multi-platform images unchanged. */
export const DEFAULT_PLATFORMS = ['linux/amd64', 'linux/arm64'];

export function platformDefaults(name: string): PlatformConfig {
  const runners = RUNNERS[name];
  return runners
    ? { name, github_runner: runners.github_runner, gitlab_tags: [...(runners.gitlab_tags ?? [])] }
    : { name };
}

export function normalisePlatform(name: string): string {
  return SHORT_NAMES[name] ?? name;
}

export function normalisePlatforms(ctx: ConfigContext, raw: Array<string | RawPlatform> | undefined): PlatformConfig[] {
  if (raw === undefined) return DEFAULT_PLATFORMS.map(platformDefaults);
  if (raw.length === 0) {
    problemAt(ctx, ['platforms'], {
      message: 'lists no platform',
      hint: 'list at least one, e.g. `- linux/amd64`, or remove `platforms` to build linux/amd64 and linux/arm64',
    });
    return [];
  }
  const seen = new Map<string, number>();
  const platforms: PlatformConfig[] = [];
  raw.forEach((entry, index) => {
    const written = typeof entry === 'string' ? { name: entry } : entry;
    const name = normalisePlatform(written.name);
    const first = seen.get(name);
    if (first !== undefined) {
      const line = (i: number) => ctx.locate(['platforms', i]).line;
      problemAt(ctx, ['platforms', index], {
        message: `platform \`${name}\` is listed twice (lines ${line(first)} and ${line(index)})`,
        hint: 'remove one of them',
      });
      return;
    }
    seen.set(name, index);
    const defaults = platformDefaults(name);
    const platform: PlatformConfig = { name };
    const runner = written.github_runner ?? defaults.github_runner;
    if (runner !== undefined) platform.github_runner = runner;
    const tags = written.gitlab_tags ?? defaults.gitlab_tags;
    if (tags !== undefined) platform.gitlab_tags = [...tags];
    platforms.push(platform);
  });
  return platforms;
}
