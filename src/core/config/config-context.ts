/**
 * What the .image-manager.yml normalisers share: the environment for `${VAR}` expansion, where to report
 * problems and debug lines, and where each field was written.
 */
import type { Logger } from '../shared/logger';
import { formatLocation, type Problem } from '../shared/errors';
import { expandEnv } from './env-expansion';
import { type FieldPath, formatFieldPath } from './field-path';
import { quote } from './quote';
import type { Locator } from './types';

export interface ConfigContext {
  env: NodeJS.ProcessEnv;
  logger: Logger;
  locate: Locator;
  locateValue: Locator;
  problems: Problem[];
}

const SENSITIVE_FIELDS = new Set(['password', 'secret_key', 'access_key']);

/** Credentials are never shown, not even in an error about their own value. */
export function isSensitivePath(path: FieldPath): boolean {
  const last = path[path.length - 1];
  return typeof last === 'string' && SENSITIVE_FIELDS.has(last);
}

/** Adds a problem about a field: at its key, or at its value when the value itself is wrong. */
export function problemAt(
  ctx: ConfigContext,
  path: FieldPath,
  problem: Omit<Problem, 'location' | 'field'>,
  at: 'key' | 'value' = 'key',
): void {
  const location = at === 'key' ? ctx.locate(path) : ctx.locateValue(path);
  ctx.problems.push({ ...problem, location, field: formatFieldPath(path) || undefined });
}

/**
 * The value of a text field after `${VAR}` expansion. An unset variable is not an error (a credential that only CI
 * has, a URL set per environment): the field is treated as not written, and `consequence` says what that means.
 */
export function readText(ctx: ConfigContext, path: FieldPath, raw: unknown, consequence: string): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const expansion = expandEnv(raw, ctx.env);
  if (expansion.malformed !== undefined) {
    problemAt(
      ctx,
      path,
      {
        message: isSensitivePath(path)
          ? 'has a malformed `${…}` reference'
          : `${quote(expansion.malformed)} is not a variable reference`,
        hint: 'write `${NAME}` or `${NAME:-default}`',
      },
      'value',
    );
    return undefined;
  }
  if (expansion.value === undefined) {
    const names = expansion.missing.map((name) => `\${${name}}`).join(', ');
    const field = formatFieldPath(path);
    ctx.logger.debug(`${formatLocation(ctx.locate(path))}: ${field}: ${names} not set; ${consequence}`);
  }
  return expansion.value;
}
