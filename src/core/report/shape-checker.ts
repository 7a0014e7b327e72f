/**
 * Checks the shape of a JSON file we wrote earlier (catalog.json, records) while reading it. Every wrong field is
 * collected with its path, and a harmless default is returned so the rest of the file is still checked: the user
 * sees all the problems of a file at once.
 */
import { OperationError } from '../shared/errors';

type Json = Record<string, unknown>;

export class ShapeChecker {
  private readonly problems: string[] = [];

  constructor(private readonly file: string) {}

  get ok(): boolean {
    return this.problems.length === 0;
  }

  /** The problems found so far, each naming the file and the field. */
  messages(): string[] {
    return this.problems.map((problem) => `${this.file}: ${problem}`);
  }

  throwIfAny(hint: string): void {
    if (this.ok) return;
    throw new OperationError(`${this.messages().join('\n')}\n(${hint})`);
  }

  object(value: unknown, field: string): Json {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Json;
    this.fail(field, 'an object', value);
    return {};
  }

  string(obj: Json, key: string, parent?: string): string {
    const value = obj[key];
    if (typeof value === 'string') return value;
    this.fail(join(parent, key), 'a string', value);
    return '';
  }

  optionalString(obj: Json, key: string, parent?: string): string | undefined {
    return obj[key] === undefined ? undefined : this.string(obj, key, parent);
  }

  nullableString(obj: Json, key: string, parent?: string): string | null {
    return obj[key] === null ? null : this.string(obj, key, parent);
  }

  number(obj: Json, key: string, parent?: string): number {
    const value = obj[key];
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    this.fail(join(parent, key), 'a number', value);
    return 0;
  }

  optionalNumber(obj: Json, key: string, parent?: string): number | undefined {
    return obj[key] === undefined ? undefined : this.number(obj, key, parent);
  }

  boolean(obj: Json, key: string, parent?: string): boolean {
    const value = obj[key];
    if (typeof value === 'boolean') return value;
    this.fail(join(parent, key), 'true or false', value);
    return false;
  }

  array(obj: Json, key: string, parent?: string): unknown[] {
    const value = obj[key];
    if (Array.isArray(value)) return value;
    this.fail(join(parent, key), 'a list', value);
    return [];
  }

  stringArray(obj: Json, key: string, parent?: string): string[] {
    const field = join(parent, key);
    return this.array(obj, key, parent).filter((item, i) => {
      if (typeof item === 'string') return true;
      this.fail(`${field}[${i}]`, 'a string', item);
      return false;
    }) as string[];
  }

  optionalStringArray(obj: Json, key: string, parent?: string): string[] | undefined {
    return obj[key] === undefined ? undefined : this.stringArray(obj, key, parent);
  }

  stringRecord(obj: Json, key: string, parent?: string): Record<string, string> {
    const field = join(parent, key);
    const record = this.object(obj[key], field);
    const result: Record<string, string> = {};
    for (const [name, value] of Object.entries(record)) {
      if (typeof value === 'string') result[name] = value;
      else this.fail(`${field}.${name}`, 'a string', value);
    }
    return result;
  }

  optionalStringRecord(obj: Json, key: string, parent?: string): Record<string, string> | undefined {
    return obj[key] === undefined ? undefined : this.stringRecord(obj, key, parent);
  }

  oneOf<T extends string>(obj: Json, key: string, allowed: readonly T[], parent?: string): T {
    const value = obj[key];
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
    this.fail(join(parent, key), `one of ${allowed.join(', ')}`, value);
    return allowed[0];
  }

  private fail(field: string, expected: string, value: unknown): void {
    const got = value === undefined ? 'it is missing' : `got ${describe(value)}`;
    this.problems.push(`\`${field || '(top level)'}\` should be ${expected}, ${got}`);
  }
}

function join(parent: string | undefined, key: string): string {
  return parent ? `${parent}.${key}` : key;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `a string`;
  return `a ${typeof value}`;
}
