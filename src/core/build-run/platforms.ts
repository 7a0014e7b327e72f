/**
 * Which platforms a build covers. Without `--platform`: every platform configured in .image-manager.yml, and the
 * tags are merged into multi-platform indexes afterwards. With `--platform` (a CI job per architecture, usually
 * on a native runner): only those, and no merge; a separate merge step combines what every job pushed.
 */
import { normalisePlatform } from '../build/platform';
import type { ProjectConfig } from '../config/types';
import { UsageError } from '../shared/errors';

export interface PlatformSelection {
  platforms: string[];
  /** Merge the per-platform images into an index and apply aliases once every platform of a tag is built. */
  merge: boolean;
}

/** `requested` may repeat the option or separate values with commas; spellings like `arm64` are accepted. */
export function selectPlatforms(
  config: Pick<ProjectConfig, 'platforms' | 'file'>,
  requested: readonly string[],
): PlatformSelection {
  const configured = config.platforms.map((p) => normalisePlatform(p.name));
  const values = requested
    .flatMap((value) => value.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  if (values.length === 0) return { platforms: configured, merge: true };
  const platforms: string[] = [];
  for (const value of values) {
    const platform = normalisePlatform(value);
    if (!configured.includes(platform)) {
      throw new UsageError(
        `--platform ${value}: ${platform} is not one of the platforms configured in ${config.file ?? '.image-manager.yml'} ` +
          `(${configured.join(', ')}); add it to \`platforms:\` to build it`,
      );
    }
    if (!platforms.includes(platform)) platforms.push(platform);
  }
  // Keep the configured order, so logs and records do not depend on how the option was spelled.
  return { platforms: configured.filter((p) => platforms.includes(p)), merge: false };
}
