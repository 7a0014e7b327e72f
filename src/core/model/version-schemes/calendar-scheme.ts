/**
 * `version_scheme: calendar`
 *
 * - A version is a date-like `YYYY.MM`, `YYYY.MM.N` or `YYYY.MM.DD` with a year from 1990 to 2099 and a month
 *   from 1 to 12 (`2025.9` and `2025.09` both read as September), or Ubuntu-style `YY.MM` / `YY.MM.N` where the
 *   month is written with two digits, 01 to 12 (`22.04`, `24.04.1`). No `v`, no pre-releases.
 * - Each version competes for the year (`2025.09` → `2025`) and, when it has three components, for the year and
 *   month (`2025.09.1` → `2025`, `2025.09`). Each alias points at the highest version sharing that prefix.
 * - Alias names keep the components as written, zero padding included (`2025.09`, never `2025.9`).
 * - Components compare as integers (`2025.10` > `2025.09`); a version with a third component is higher than the
 *   same year and month without it (`24.04` < `24.04.1`).
 */
import { compareComponents, properPrefixes, type ParsedVersion, type VersionScheme } from './version-scheme';

const FOUR_DIGIT_YEAR = /^(\d{4})\.(\d{1,2})(?:\.(\d+))?$/;
const TWO_DIGIT_YEAR = /^(\d{2})\.(0[1-9]|1[0-2])(?:\.(\d+))?$/;

function isYear(year: string): boolean {
  const value = Number(year);
  return value >= 1990 && value <= 2099;
}

function isMonth(month: string): boolean {
  const value = Number(month);
  return value >= 1 && value <= 12;
}

export const calendarScheme: VersionScheme = {
  name: 'calendar',
  parse(text: string): ParsedVersion | undefined {
    const long = FOUR_DIGIT_YEAR.exec(text);
    const match = long && isYear(long[1]) && isMonth(long[2]) ? long : TWO_DIGIT_YEAR.exec(text);
    if (!match) return undefined;
    return { text, components: match.slice(1).filter((part) => part !== undefined), release: true };
  },
  compare(a: ParsedVersion, b: ParsedVersion): number {
    return compareComponents(a.components, b.components);
  },
  aliasNames(version: ParsedVersion): string[] {
    return properPrefixes(version.components);
  },
};
