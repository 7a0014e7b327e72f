/**
 * Error classes with a meaning. User mistakes (bad config, bad flags) are ConfigError/UsageError: printed as a
 * message with file:line, exit code 2, never a stack trace. A failed operation (build, push, test) is an
 * OperationError: exit code 1. Anything else is a bug and keeps its stack trace.
 */

/** A place in a user's file. Lines and columns are 1-based, as editors show them. */
export interface SourceLocation {
  file: string;
  line?: number;
  column?: number;
}

/** One thing wrong with the input, with where it is and what to do about it. */
export interface Problem {
  message: string;
  location?: SourceLocation;
  /** Dotted path of the field inside the file, e.g. `tags[1].name`. */
  field?: string;
  /** What the user should do, e.g. `did you mean "variants"?` */
  hint?: string;
}

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_INVALID_INPUT = 2;

export class ConfigError extends Error {
  readonly exitCode = EXIT_INVALID_INPUT;
  constructor(readonly problems: Problem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ConfigError';
  }
}

export class UsageError extends Error {
  readonly exitCode = EXIT_INVALID_INPUT;
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export class OperationError extends Error {
  readonly exitCode = EXIT_FAILED;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'OperationError';
  }
}

export function formatLocation(location: SourceLocation): string {
  let text = location.file;
  if (location.line !== undefined) text += `:${location.line}`;
  if (location.line !== undefined && location.column !== undefined) text += `:${location.column}`;
  return text;
}

export function formatProblem(problem: Problem): string {
  const where = problem.location ? `${formatLocation(problem.location)}: ` : '';
  const field = problem.field ? `${problem.field}: ` : '';
  const hint = problem.hint ? ` (${problem.hint})` : '';
  return `${where}${field}${problem.message}${hint}`;
}

/** Collects problems so a run reports all of them together instead of stopping at the first. */
export class ProblemCollector {
  readonly problems: Problem[] = [];
  add(problem: Problem): void {
    this.problems.push(problem);
  }
  addAll(problems: Iterable<Problem>): void {
    for (const problem of problems) this.problems.push(problem);
  }
  get empty(): boolean {
    return this.problems.length === 0;
  }
  throwIfAny(): void {
    if (this.problems.length > 0) throw new ConfigError(sortProblems(this.problems));
  }
}

function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort((a, b) => {
    const fa = a.location?.file ?? '';
    const fb = b.location?.file ?? '';
    if (fa !== fb) return fa < fb ? -1 : 1;
    return (a.location?.line ?? 0) - (b.location?.line ?? 0) || (a.location?.column ?? 0) - (b.location?.column ?? 0);
  });
}

export function isUserError(error: unknown): error is ConfigError | UsageError {
  return error instanceof ConfigError || error instanceof UsageError;
}
