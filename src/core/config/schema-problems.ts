/**
 * Validates parsed data against a JSON Schema and turns ajv's errors into Problems a person can act on: at the
 * line where the value (or the unknown key) was written, naming the field, with a hint. All errors are collected
 * (allErrors) so one run reports everything wrong with a file.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { didYouMean } from '../shared/did-you-mean';
import type { Problem } from '../shared/errors';
import { type FieldPath, formatFieldPath, pointerToPath } from './field-path';
import { quote } from './quote';
import { configSchema, imageSchema } from './schemas';
import type { SourceLocators } from './source-locator';
import { explainPattern } from './value-explainers';

type Schema = Record<string, unknown>;

// `extends`, `cache` and platform entries accept two shapes; union types keep those errors to one per value.
const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true });
export const validateImageSchema: ValidateFunction = ajv.compile(imageSchema);
export const validateConfigSchema: ValidateFunction = ajv.compile(configSchema);

export interface SchemaCheck {
  data: unknown;
  locators: SourceLocators;
  rootSchema: Schema;
  /** Fields whose values must never be shown (credentials). */
  isSensitive?: (path: FieldPath) => boolean;
}

export function schemaProblems(validate: ValidateFunction, check: SchemaCheck): Problem[] {
  if (validate(check.data)) return [];
  const errors = validate.errors ?? [];
  // A value of the wrong type also fails every other keyword at its path; only the type error is useful.
  const wrongType = new Set(errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  return errors
    .filter((e) => e.keyword !== 'propertyNames')
    .filter((e) => e.keyword === 'type' || e.propertyName !== undefined || !wrongType.has(e.instancePath))
    .map((error) => toProblem(error, check));
}

function toProblem(error: ErrorObject, check: SchemaCheck): Problem {
  const path = pointerToPath(error.instancePath, check.data);
  const { locate, locateValue } = check.locators;
  if (error.propertyName !== undefined) {
    const keyPath = [...path, error.propertyName];
    const explained = explainPattern(String(error.params.pattern ?? ''), error.propertyName);
    return { ...explained, location: locate(keyPath), field: formatFieldPath(keyPath) };
  }
  const field = formatFieldPath(path) || undefined;
  const sensitive = check.isSensitive?.(path) ?? false;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(error.params.additionalProperty);
      const allowed = Object.keys((error.parentSchema as Schema).properties ?? {});
      const suggestion = didYouMean(key, allowed);
      return {
        message: `unknown key ${quote(key)}`,
        location: locate([...path, key]),
        field: formatFieldPath([...path, key]),
        hint: suggestion ? `did you mean \`${suggestion}\`?` : `allowed here: ${allowed.join(', ')}`,
      };
    }
    case 'required': {
      const key = String(error.params.missingProperty);
      return {
        message: `missing required field \`${key}\``,
        location: locate(path),
        field: formatFieldPath([...path, key]),
        hint: requiredHint(key, error.parentSchema as Schema, check.rootSchema),
      };
    }
    case 'type':
      return {
        ...typeProblem(error.params.type as string | string[], error.data, sensitive),
        location: locateValue(path),
        field,
      };
    case 'enum': {
      const allowed = (error.params.allowedValues as unknown[]).map(String);
      const suggestion = typeof error.data === 'string' ? didYouMean(error.data, allowed) : undefined;
      return {
        message: `must be one of ${allowed.map((v) => `\`${v}\``).join(', ')}${shown(error.data, sensitive)}`,
        location: locateValue(path),
        field,
        hint: suggestion ? `did you mean \`${suggestion}\`?` : undefined,
      };
    }
    case 'pattern':
      return sensitive
        ? { message: 'is not valid', location: locateValue(path), field }
        : { ...explainPattern(String(error.params.pattern), String(error.data)), location: locateValue(path), field };
    case 'minLength':
      return {
        message: 'must not be empty',
        location: locateValue(path),
        field,
        hint: 'write a value or remove the key',
      };
    default:
      return { message: error.message ?? `fails ${error.keyword}`, location: locateValue(path), field };
  }
}

function shown(value: unknown, sensitive: boolean): string {
  return sensitive || typeof value !== 'string' ? '' : `, not ${quote(value)}`;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  boolean: '`true` or `false`',
  object: 'a mapping',
  array: 'a list',
  null: 'empty',
};

function describe(value: unknown, sensitive: boolean): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'boolean') return `\`${value}\``;
  return sensitive ? 'text' : `the text ${quote(String(value))}`;
}

function typeProblem(expected: string | string[], value: unknown, sensitive: boolean): Omit<Problem, 'location'> {
  const wanted = [expected].flat();
  const message = `must be ${wanted.map((t) => TYPE_WORDS[t] ?? t).join(' or ')}, not ${describe(value, sensitive)}`;
  return { message, hint: typeHint(wanted, value, sensitive) };
}

function typeHint(wanted: string[], value: unknown, sensitive: boolean): string | undefined {
  const empty = value === null || value === undefined;
  if (wanted.includes('boolean') && typeof value === 'string') {
    if (/^(true|false)$/i.test(value)) return `remove the quotes: write \`${value.toLowerCase()}\``;
    return /^(yes|no|on|off|y|n)$/i.test(value)
      ? `YAML 1.2 reads \`${value}\` as text: write \`${/^(yes|on|y)$/i.test(value)}\``
      : 'write `true` or `false`';
  }
  if (wanted.includes('string') && typeof value === 'boolean') {
    return sensitive ? 'quote the value' : `quote it if you mean the text: '${value}'`;
  }
  if (wanted.includes('array')) return empty ? 'write `[]` for an empty list' : 'start each list item with `- `';
  if (wanted.includes('object')) {
    return empty ? 'write `{}` for an empty mapping, or remove the key' : 'write `key: value` lines, without `- `';
  }
  return empty ? 'write a value after the colon, or remove the key' : undefined;
}

function requiredHint(key: string, parent: Schema, root: Schema): string {
  const declared = ((parent.properties ?? {}) as Record<string, Schema>)[key] ?? {};
  const property = { ...resolveRef(declared, root), ...declared };
  const example = Array.isArray(property.examples) ? property.examples[0] : undefined;
  if (typeof example === 'string') return `add \`${key}: ${example}\``;
  return typeof property.description === 'string' ? `add \`${key}:\` (${property.description})` : `add \`${key}:\``;
}

function resolveRef(schema: Schema, root: Schema): Schema {
  const ref = schema.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return {};
  let node: unknown = root;
  for (const part of ref.slice(2).split('/')) node = (node as Schema | undefined)?.[part];
  return (node as Schema | undefined) ?? {};
}
