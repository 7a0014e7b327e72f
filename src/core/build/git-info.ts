/**
 * What the image labels need from git: the commit, its time (the reproducible `created` date — never the wall
 * clock, PoC B29) and a public source URL. Remote URLs in CI often carry a token (`https://gitlab-ci-token:…@`);
 * those credentials are stripped before the URL goes anywhere near a label.
 */
import { UsageError } from '../shared/errors';
import type { Exec } from '../shared/exec';

export interface GitMetadata {
  revision?: string;
  /** Committer time of HEAD, seconds since the epoch. */
  commitTime?: number;
  /** `https://host/owner/repo`, without credentials or `.git`. */
  sourceUrl?: string;
}

/** Reads HEAD's commit, commit time and origin URL; fields stay undefined outside a git checkout. */
export async function readGitMetadata(exec: Exec, cwd: string, remote = 'origin'): Promise<GitMetadata> {
  const git = async (args: string[]) => {
    try {
      const result = await exec('git', args, { cwd });
      return result.exitCode === 0 ? result.stdout.trim() : undefined;
    } catch {
      return undefined;
    }
  };
  const [revision, time, remoteUrl] = await Promise.all([
    git(['rev-parse', 'HEAD']),
    git(['log', '-1', '--format=%ct']),
    git(['remote', 'get-url', remote]),
  ]);
  const metadata: GitMetadata = {};
  if (revision && /^[0-9a-f]{40,64}$/.test(revision)) metadata.revision = revision;
  if (time && /^\d+$/.test(time)) metadata.commitTime = Number(time);
  const sourceUrl = remoteUrl ? publicSourceUrl(remoteUrl) : undefined;
  if (sourceUrl) metadata.sourceUrl = sourceUrl;
  return metadata;
}

/**
 * A remote URL as a browsable https URL: `git@host:path(.git)` and `ssh://git@host[:port]/path` become
 * `https://host/path`, credentials in http(s) URLs are dropped, `.git` and trailing slashes are removed.
 * Local paths and `file://` URLs have no public form: undefined.
 */
export function publicSourceUrl(remoteUrl: string): string | undefined {
  const url = remoteUrl.trim();
  if (!url.includes('://')) {
    // git's rule: a colon before the first slash means scp-like `[user@]host:path`; anything else is a local path.
    const scp = /^(?:[^@/\s]+@)?([^:/\s]+):(.+)$/.exec(url);
    return scp ? tidy(`https://${scp[1]}/${scp[2].replace(/^\/+/, '')}`) : undefined;
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  switch (parsed.protocol) {
    case 'https:':
    case 'http:':
      return tidy(`${parsed.protocol}//${parsed.host}${parsed.pathname}`);
    case 'ssh:':
    case 'git+ssh:':
    case 'ssh+git:':
    case 'git:':
      // The ssh/git port says nothing about where the web UI is.
      return tidy(`https://${parsed.hostname}${parsed.pathname}`);
    default:
      return undefined;
  }
}

function tidy(url: string): string | undefined {
  const cleaned = url.replace(/\/+$/, '').replace(/\.git$/, '').replace(/\/+$/, '');
  return /^https?:\/\/[^/]+\/.+/.test(cleaned) ? cleaned : undefined;
}

export type SourceDateEpochOrigin = 'SOURCE_DATE_EPOCH' | 'git commit time';

/**
 * The timestamp reproducible builds clamp to: `$SOURCE_DATE_EPOCH` when set (the reproducible-builds.org
 * convention), else the commit time of HEAD. Undefined when neither exists; callers then leave `created` out
 * rather than inventing a wall-clock date.
 */
export async function resolveSourceDateEpoch(
  env: NodeJS.ProcessEnv,
  exec: Exec,
  cwd: string,
): Promise<{ epoch: number; origin: SourceDateEpochOrigin } | undefined> {
  const fromEnv = env.SOURCE_DATE_EPOCH?.trim();
  if (fromEnv) {
    if (!/^\d+$/.test(fromEnv)) {
      throw new UsageError(
        `SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 UTC, got "${fromEnv}" ` +
          '(e.g. SOURCE_DATE_EPOCH=$(git log -1 --format=%ct))',
      );
    }
    return { epoch: Number(fromEnv), origin: 'SOURCE_DATE_EPOCH' };
  }
  const { commitTime } = await readGitMetadata(exec, cwd);
  return commitTime === undefined ? undefined : { epoch: commitTime, origin: 'git commit time' };
}
