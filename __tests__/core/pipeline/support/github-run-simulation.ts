/**
 * Which jobs of a generated workflow GitHub would run, skip or fail, by GitHub's documented rules for job-level
 * `if:` (independently of the generator): a job without `if` runs when every job it needs succeeded; status
 * functions replace that default; `failure()` is true when any ANCESTOR job failed (the whole needs chain),
 * `cancelled()` is false here. The conditions are parsed, not pattern-matched, so a malformed or unexpected one
 * fails the test: only `!`, `&&`, `||`, parentheses, `failure()`, `cancelled()`, the release-branch condition and
 * `contains(fromJSON(needs.generate.outputs.build), '<image> <platform>')` are understood.
 */
import { parse } from 'yaml';

export interface SimulatedRun {
  /** Units the generate job outputs as `build`. */
  build: string[];
  /** Jobs whose steps fail when they run. */
  failing?: string[];
  /** A push to the default branch (true) or a pull request (false). */
  release: boolean;
}

export type Outcome = 'success' | 'failure' | 'skipped';

const RELEASE_ONLY =
  "github.event_name != 'pull_request' && github.ref == format('refs/heads/{0}', github.event.repository.default_branch)";

interface Job {
  needs?: string[];
  if?: string;
}

export function simulateGithubRun(text: string, run: SimulatedRun): Record<string, Outcome> {
  const jobs = (parse(text) as { jobs: Record<string, Job> }).jobs;
  const outcomes: Record<string, Outcome> = {};
  const ancestors = (name: string): string[] => {
    const direct = jobs[name].needs ?? [];
    return [...new Set([...direct, ...direct.flatMap(ancestors)])];
  };
  const visit = (name: string): Outcome => {
    if (outcomes[name]) return outcomes[name];
    for (const need of jobs[name].needs ?? []) visit(need);
    const context: Context = {
      failure: ancestors(name).some((other) => outcomes[other] === 'failure'),
      build: new Set(run.build),
      release: run.release,
    };
    const condition = jobs[name].if;
    const runs =
      condition === undefined
        ? (jobs[name].needs ?? []).every((need) => outcomes[need] === 'success')
        : evaluate(condition, context);
    outcomes[name] = !runs ? 'skipped' : run.failing?.includes(name) ? 'failure' : 'success';
    return outcomes[name];
  };
  for (const name of Object.keys(jobs)) visit(name);
  return outcomes;
}

interface Context {
  failure: boolean;
  build: Set<string>;
  release: boolean;
}

/** `release()` stands for the release-branch condition, replaced before tokenising. */
const TOKEN =
  /\s*(\(|\)|!|&&|\|\||failure\(\)|cancelled\(\)|release\(\)|contains\(fromJSON\(needs\.generate\.outputs\.build\), '([^']*)'\))/y;

/** Evaluates `${{ … }}` (or a bare expression) with a small recursive-descent parser. */
export function evaluate(condition: string, context: Context): boolean {
  const inner = /^\$\{\{\s*([\s\S]*?)\s*\}\}$/.exec(condition)?.[1] ?? condition;
  const text = inner.split(RELEASE_ONLY).join('release()');
  const tokens: Array<{ kind: string; unit?: string }> = [];
  const pattern = new RegExp(TOKEN.source, 'y');
  while (pattern.lastIndex < text.length) {
    const start = pattern.lastIndex;
    const match = pattern.exec(text);
    if (!match) {
      if (/^\s*$/.test(text.slice(start))) break;
      throw new Error(`cannot evaluate "${text.slice(start).trimStart()}" in ${condition}`);
    }
    tokens.push(match[2] === undefined ? { kind: match[1] } : { kind: 'contains', unit: match[2] });
  }
  let position = 0;
  const peek = () => tokens[position]?.kind;
  const expect = (kind: string) => {
    if (tokens[position++]?.kind !== kind) throw new Error(`expected ${kind} in ${condition}`);
  };
  const or = (): boolean => {
    let value = and();
    while (peek() === '||') {
      position++;
      value = and() || value;
    }
    return value;
  };
  const and = (): boolean => {
    let value = unary();
    while (peek() === '&&') {
      position++;
      value = unary() && value;
    }
    return value;
  };
  const unary = (): boolean => {
    const token = tokens[position++];
    switch (token?.kind) {
      case '!':
        return !unary();
      case '(': {
        const value = or();
        expect(')');
        return value;
      }
      case 'failure()':
        return context.failure;
      case 'cancelled()':
        return false;
      case 'release()':
        return context.release;
      case 'contains':
        return context.build.has(token.unit ?? '');
      default:
        throw new Error(`unexpected ${token?.kind ?? 'end'} in ${condition}`);
    }
  };
  const value = or();
  if (position !== tokens.length) throw new Error(`trailing tokens in ${condition}`);
  return value;
}
