/**
 * What one test found: passed, or the list of mismatches (expected vs actual) that make it fail, each readable on
 * its own. Long actual values (command output, file contents) are cut so a report stays readable.
 */
import type { TestStatus } from '../../records/records';

export interface CheckOutcome {
  status: Exclude<TestStatus, 'not-run'>;
  /** Mismatches, one per line, or why the test could not be evaluated. */
  message?: string;
}

export const MAX_SHOWN_CHARACTERS = 600;

export function outcomeOf(mismatches: string[]): CheckOutcome {
  return mismatches.length === 0 ? { status: 'passed' } : { status: 'failed', message: mismatches.join('\n') };
}

/** A value in quotes with control characters made visible, cut to `max` characters with a note of how much more. */
export function shown(value: string, max = MAX_SHOWN_CHARACTERS): string {
  const cut = value.length > max ? value.slice(0, max) : value;
  const visible = JSON.stringify(cut);
  return value.length > max ? `${visible}… (${value.length - max} more characters)` : visible;
}

/** Regular-expression checks shared by command output and file contents. */
export function matchPatterns(
  subject: string,
  what: string,
  expected: ReadonlyArray<{ source: string; regexp: RegExp }>,
  excluded: ReadonlyArray<{ source: string; regexp: RegExp }>,
): string[] {
  const mismatches: string[] = [];
  for (const pattern of expected) {
    if (!pattern.regexp.test(subject)) {
      mismatches.push(`expected ${what} to match /${pattern.source}/, but it did not; ${what} was ${shown(subject)}`);
    }
  }
  for (const pattern of excluded) {
    const match = pattern.regexp.exec(subject);
    if (match) {
      mismatches.push(`expected ${what} not to match /${pattern.source}/, but it matched ${shown(match[0], 120)}`);
    }
  }
  return mismatches;
}
