import { UsageError } from '../shared/errors';

/**
 * SOURCE_DATE_EPOCH (reproducible-builds.org): the one timestamp generated files and images may carry.
 * Unset means 0 for file times; a malformed value is an error rather than a silently different build.
 */
export function sourceDateEpoch(env: NodeJS.ProcessEnv): number | undefined {
  const value = env.SOURCE_DATE_EPOCH;
  if (value === undefined || value === '') return undefined;
  if (!/^\d+$/.test(value)) {
    throw new UsageError(
      `SOURCE_DATE_EPOCH="${value}" is not a number of seconds since 1970 (e.g. $(git log -1 --format=%ct))`,
    );
  }
  return Number(value);
}
