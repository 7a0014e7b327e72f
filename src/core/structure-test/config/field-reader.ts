/**
 * Typed reading of a parsed YAML/JSON test config with problems pinned to file, line and field. Values are read as
 * the real tool's YAML decoder (gopkg.in/yaml.v2, strict mode) reads them: any scalar is accepted as text, booleans
 * also as yes/no/on/off, integers also as 0x…/0o…/0… literals; unknown keys are errors.
 */
import { formatFieldPath, type FieldPath } from '../../config/field-path';
import type { YamlSource } from '../../config/literal-yaml';
import { didYouMean } from '../../shared/did-you-mean';
import type { ProblemCollector } from '../../shared/errors';
import { compileGoRegexp } from '../go-regexp';
import type { Pattern } from './types';

const TRUE_WORDS = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const FALSE_WORDS = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);

export class FieldReader {
  constructor(
    private readonly source: YamlSource,
    private readonly problems: ProblemCollector,
  ) {}

  problem(path: FieldPath, message: string, hint?: string, atKey = false): void {
    this.problems.add({
      message,
      hint,
      field: formatFieldPath(path) || undefined,
      location: atKey ? this.source.locate(path) : this.source.locateValue(path),
    });
  }

  /** A mapping with only `allowed` keys; `renamed` gives a hint for keys other versions of the tool used. */
  mapping(
    value: unknown,
    path: FieldPath,
    allowed: readonly string[],
    renamed: Record<string, string> = {},
  ): Record<string, unknown> | undefined {
    if (value === null || value === undefined) return undefined;
    if (typeof value !== 'object' || Array.isArray(value)) {
      this.problem(path, `expected a mapping of ${allowed.slice(0, 3).join(', ')}, …, got ${describe(value)}`);
      return undefined;
    }
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (allowed.includes(key)) continue;
      const suggestion = didYouMean(key, allowed);
      const hint = renamed[key]
        ? `container-structure-test renamed "${key}" to "${renamed[key]}" (2022); use "${renamed[key]}"`
        : suggestion
          ? `did you mean "${suggestion}"?`
          : `known fields: ${allowed.join(', ')}`;
      this.problem([...path, key], 'unknown field (container-structure-test rejects it too)', hint, true);
    }
    return record;
  }

  string(value: unknown, path: FieldPath, required = false): string | undefined {
    if (value === null || value === undefined || value === '') {
      if (required) this.problem(path, 'is required and must not be empty', undefined, true);
      return undefined;
    }
    if (typeof value === 'string') return value;
    if (typeof value === 'boolean' || typeof value === 'number') return String(value);
    this.problem(path, `expected text, got ${describe(value)}`);
    return undefined;
  }

  bool(value: unknown, path: FieldPath): boolean | undefined {
    if (value === null || value === undefined) return undefined;
    if (typeof value === 'boolean') return value;
    if (typeof value === 'string' && TRUE_WORDS.has(value)) return true;
    if (typeof value === 'string' && FALSE_WORDS.has(value)) return false;
    this.problem(path, `expected true or false, got ${describe(value)}`);
    return undefined;
  }

  int(value: unknown, path: FieldPath): number | undefined {
    if (value === null || value === undefined) return undefined;
    const parsed = typeof value === 'number' ? value : typeof value === 'string' ? parseGoInt(value) : undefined;
    if (parsed === undefined || !Number.isSafeInteger(parsed)) {
      this.problem(path, `expected a whole number, got ${describe(value)}`);
      return undefined;
    }
    return parsed;
  }

  list<T>(value: unknown, path: FieldPath, item: (value: unknown, path: FieldPath) => T | undefined): T[] {
    if (value === null || value === undefined) return [];
    if (!Array.isArray(value)) {
      this.problem(path, `expected a list, got ${describe(value)}`);
      return [];
    }
    const out: T[] = [];
    value.forEach((element, index) => {
      const read = item(element, [...path, index]);
      if (read !== undefined) out.push(read);
    });
    return out;
  }

  stringList(value: unknown, path: FieldPath, nonEmpty = false): string[] {
    return this.list(value, path, (element, at) => {
      if (nonEmpty && (element === '' || element === null)) {
        this.problem(at, 'must not be empty');
        return undefined;
      }
      return element === null ? '' : this.string(element, at);
    });
  }

  /** A list of commands, each a non-empty list of words (`setup`, `teardown`). */
  commandList(value: unknown, path: FieldPath): string[][] {
    return this.list(value, path, (element, at) => {
      const words = this.stringList(element, at);
      if (Array.isArray(element) && words.length === 0) {
        this.problem(at, 'an empty command', 'remove it, or write the command as a list: ["sh", "-c", "…"]');
        return undefined;
      }
      return Array.isArray(element) ? words : undefined;
    });
  }

  pattern(value: unknown, path: FieldPath): Pattern | undefined {
    const text = value === null ? '' : this.string(value, path);
    if (text === undefined) return undefined;
    const compiled = compileGoRegexp(text);
    if (!compiled.ok) {
      this.problem(
        path,
        `invalid regular expression "${text}": ${compiled.message}`,
        'patterns use Go RE2 syntax, as in container-structure-test',
      );
      return undefined;
    }
    return { source: text, regexp: compiled.regexp };
  }

  patternList(value: unknown, path: FieldPath): Pattern[] {
    return this.list(value, path, (element, at) => this.pattern(element, at));
  }
}

/** Go's strconv.ParseInt with base 0, after yaml.v2 removed underscores: 0x…, 0o…, 0b…, 0… (octal), decimal. */
export function parseGoInt(text: string): number | undefined {
  const match = /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(text.replace(/_/g, ''));
  if (!match) return undefined;
  const digits = match[2];
  let value: number;
  if (/^0[xX]/.test(digits)) value = parseInt(digits.slice(2), 16);
  else if (/^0[oO]/.test(digits)) value = parseInt(digits.slice(2), 8);
  else if (/^0[bB]/.test(digits)) value = parseInt(digits.slice(2), 2);
  else if (digits.length > 1 && digits.startsWith('0')) value = parseInt(digits.slice(1), 8);
  else value = parseInt(digits, 10);
  return match[1] === '-' ? -value : value;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'nothing';
  if (typeof value === 'object') return 'a mapping';
  return JSON.stringify(value);
}
