import { UsageError } from '../../core/shared/errors';
import { optionalInput, requiredInput } from '../shared/inputs';

export interface RunInputs {
  command: string;
  args: string[];
  workingDirectory?: string;
}

/** The only place the all-in-one action reads its inputs (declared in the root action.yml). */
export function getInputs(): RunInputs {
  return {
    command: requiredInput('command'),
    args: splitArguments(optionalInput('args') ?? ''),
    workingDirectory: optionalInput('working-directory'),
  };
}

/**
 * `args` as a shell would split it (quotes, backslash escapes) — but never through a shell, so nothing in it is
 * ever executed or expanded.
 */
export function splitArguments(text: string): string[] {
  const args: string[] = [];
  let current = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < text.length) current += text[++i];
      else current += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < text.length) {
      current += text[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) args.push(current);
      current = '';
      inWord = false;
    } else {
      current += c;
      inWord = true;
    }
  }
  if (quote) throw new UsageError(`input "args" has an unclosed ${quote} quote`);
  if (inWord) args.push(current);
  return args;
}
