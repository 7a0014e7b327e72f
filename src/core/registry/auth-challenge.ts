/**
 * `WWW-Authenticate` challenges (RFC 7235) and repository scopes (`repository:app:pull,push`) of the Docker/OCI
 * token flow. Pure parsing and set logic, used by the authenticator.
 */

export interface AuthChallenge {
  /** Lowercase: `basic`, `bearer`. */
  scheme: string;
  params: Record<string, string>;
}

/**
 * Parses one header into its challenges. Parameters may be quoted (with `\` escapes) and contain commas, and
 * several challenges may share the header (`Basic realm="r", Bearer realm="…",service="…"`).
 */
export function parseWwwAuthenticate(header: string): AuthChallenge[] {
  const challenges: AuthChallenge[] = [];
  let i = 0;
  const skip = (pattern: RegExp): void => {
    while (i < header.length && pattern.test(header[i])) i++;
  };
  const token = (): string => {
    const start = i;
    while (i < header.length && /[^\s,=]/.test(header[i])) i++;
    return header.slice(start, i);
  };
  let current: AuthChallenge | undefined;
  while (i < header.length) {
    skip(/[\s,]/);
    const word = token();
    if (!word) {
      i++;
      continue;
    }
    skip(/\s/);
    if (header[i] === '=' && current) {
      i++;
      skip(/\s/);
      current.params[word.toLowerCase()] = header[i] === '"' ? quoted() : token();
    } else {
      current = { scheme: word.toLowerCase(), params: {} };
      challenges.push(current);
    }
  }
  return challenges;

  function quoted(): string {
    let value = '';
    i++;
    while (i < header.length && header[i] !== '"') {
      if (header[i] === '\\' && i + 1 < header.length) i++;
      value += header[i++];
    }
    i++;
    return value;
  }
}

export type ScopeAction = 'pull' | 'push' | 'delete' | '*';

export interface AuthScope {
  /** Repository path without the registry (`library/debian`). */
  repository: string;
  actions: ScopeAction[];
}

export function formatScope(scope: AuthScope): string {
  return `repository:${scope.repository}:${[...new Set(scope.actions)].sort().join(',')}`;
}

/** Parses `repository:name:a,b` scopes (space separated, as in a challenge's `scope` parameter). */
export function parseScopes(text: string | undefined): AuthScope[] {
  if (!text) return [];
  const scopes: AuthScope[] = [];
  for (const part of text.split(/\s+/)) {
    const match = /^repository(?:\([^)]*\))?:(.+):([^:]+)$/.exec(part);
    if (match) scopes.push({ repository: match[1], actions: match[2].split(',') as ScopeAction[] });
  }
  return scopes;
}

/** Unites scopes per repository, so one token request asks for everything a request needs. */
export function mergeScopes(...lists: AuthScope[][]): AuthScope[] {
  const byRepository = new Map<string, Set<ScopeAction>>();
  for (const scope of lists.flat()) {
    const actions = byRepository.get(scope.repository) ?? new Set<ScopeAction>();
    scope.actions.forEach((a) => actions.add(a));
    byRepository.set(scope.repository, actions);
  }
  return [...byRepository.keys()].sort().map((repository) => ({
    repository,
    actions: [...(byRepository.get(repository) ?? [])].sort(),
  }));
}

/** Whether a token granted for `granted` also serves `wanted` (every wanted action on every wanted repository). */
export function scopesCover(granted: AuthScope[], wanted: AuthScope[]): boolean {
  return wanted.every((w) => {
    const g = granted.find((s) => s.repository === w.repository);
    return g !== undefined && (g.actions.includes('*') || w.actions.every((a) => g.actions.includes(a)));
  });
}
