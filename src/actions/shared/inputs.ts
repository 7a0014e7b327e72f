import * as core from '@actions/core';
import { UsageError } from '../../core/shared/errors';

/**
 * Typed access to action inputs. Each action reads all of its inputs once, in its own inputs.ts, through these
 * helpers; the rest of the code works with the typed object. Booleans are strict (`true`/`false`).
 */
export function optionalInput(name: string): string | undefined {
  const value = core.getInput(name);
  return value === '' ? undefined : value;
}

export function requiredInput(name: string): string {
  const value = core.getInput(name);
  if (value === '') throw new UsageError(`input "${name}" is required`);
  return value;
}

export function booleanInput(name: string, defaultValue: boolean): boolean {
  const value = core.getInput(name);
  if (value === '') return defaultValue;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new UsageError(`input "${name}" must be true or false, not "${value}"`);
}

/** A list written one item per line or comma-separated; blank items and `#` comments are dropped. */
export function listInput(name: string): string[] {
  return core
    .getInput(name)
    .split(/[\n,]/)
    .map((item) => item.replace(/#.*$/, '').trim())
    .filter(Boolean);
}
