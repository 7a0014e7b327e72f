/**
 * Mustache rendering for Dockerfiles and test configs, with the checks Mustache itself does not make: a variable
 * that does not exist (`{{versions.pythn}}`) is an error at its line instead of silently rendering as nothing,
 * and catalog references (`{{#image}}base:2025.09{{/image}}`) are resolved before rendering so a bad one is
 * reported with its line. HTML escaping is off: `&&` must survive.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import Mustache from 'mustache';
import { didYouMean } from '../shared/did-you-mean';
import type { Problem } from '../shared/errors';

type Token = [string, string, number, number, Token[]?, number?];

export interface TemplateSource {
  /** Absolute path, for partials and messages. */
  file: string;
  /** Path shown in messages (relative to the project root). */
  displayFile: string;
  text: string;
}

/** The name of the section lambda that references another catalog image. */
export const IMAGE_LAMBDA = 'image';

export interface RenderOutcome {
  output?: string;
  problems: Problem[];
  /** Every `{{#image}}…{{/image}}` reference, rendered, with its line. */
  imageReferences: Array<{ text: string; line: number }>;
}

/**
 * Renders `source` with `view`. `resolveImage` turns the text of an image section into a full reference, or
 * returns a Problem (without location; the line is added here).
 */
export function renderTemplate(
  source: TemplateSource,
  view: Record<string, unknown>,
  resolveImage: (text: string) => { ref: string } | { problem: Omit<Problem, 'location'> },
): RenderOutcome {
  const problems: Problem[] = [];
  const imageReferences: RenderOutcome['imageReferences'] = [];
  let tokens: Token[];
  try {
    tokens = Mustache.parse(source.text) as unknown as Token[];
  } catch (error) {
    const message = (error as Error).message;
    const at = /at (\d+)/.exec(message);
    // For an unclosed section the interesting line is where it was opened, not the end of the file.
    const unclosed = /Unclosed section "([^"]+)"/.exec(message);
    const opened = unclosed ? source.text.lastIndexOf(`{{#${unclosed[1]}}}`) : -1;
    const offset = opened >= 0 ? opened : at ? Number(at[1]) : undefined;
    problems.push({
      message: `template syntax: ${message.split('\n')[0]}`,
      location: { file: source.displayFile, line: offset !== undefined ? lineAt(source.text, offset) : undefined },
    });
    return { problems, imageReferences };
  }
  const partials = (name: string): string | undefined => loadPartial(source.file, name);
  const resolved = new Map<string, string>();
  walk(tokens, 0, (token, depth) => {
    const [type, name, start] = token;
    // Counted only when needed: most tokens of a valid template never name their line.
    const line = () => lineAt(source.text, start);
    if (type === '#' && name === IMAGE_LAMBDA) {
      const inner = source.text.slice(token[3], token[5]);
      const text = Mustache.render(inner, view, partials, { escape: (s: string) => s }).trim();
      imageReferences.push({ text, line: line() });
      const result = resolveImage(text);
      if ('problem' in result) {
        problems.push({ ...result.problem, location: { file: source.displayFile, line: line() } });
      } else {
        resolved.set(text, result.ref);
      }
      return false;
    }
    // Sections (# and ^) are conditionals: a missing key there is a legitimate "not set", so only values are checked.
    if (type === 'name' || type === '&') {
      const problem = checkName(name, view, depth, type === 'name' || type === '&');
      if (problem) problems.push({ ...problem, location: { file: source.displayFile, line: line() } });
    }
    if (type === '>' && partials(name) === undefined) {
      problems.push({
        message: `partial "${name}" not found next to ${source.displayFile}`,
        location: { file: source.displayFile, line: line() },
        hint: `create ${name} or ${name}.mustache in the template's folder`,
      });
    }
    return true;
  });
  if (problems.length > 0) return { problems, imageReferences };
  const fullView = {
    ...view,
    [IMAGE_LAMBDA]: () => (text: string, render: (t: string) => string) => resolved.get(render(text).trim()) ?? '',
  };
  const output = Mustache.render(source.text, fullView, partials, { escape: (s: string) => s });
  return { output, problems, imageReferences };
}

function walk(tokens: Token[], depth: number, visit: (token: Token, depth: number) => boolean): void {
  for (const token of tokens) {
    const descend = visit(token, depth);
    if (descend && (token[0] === '#' || token[0] === '^') && Array.isArray(token[4])) walk(token[4], depth + 1, visit);
  }
}

/**
 * A dotted name must exist in the view. Inside a section a bare name may refer to the section's context, so only
 * names whose first part is a known top-level key are checked there.
 */
function checkName(
  name: string,
  view: Record<string, unknown>,
  depth: number,
  isValue: boolean,
): Omit<Problem, 'location'> | undefined {
  if (name === '.') return undefined;
  const parts = name.split('.');
  if (!(parts[0] in view)) {
    if (depth > 0) return undefined;
    const suggestion = didYouMean(parts[0], Object.keys(view));
    return {
      message: `unknown template variable "${name}"`,
      hint: suggestion ? `did you mean "${suggestion}"?` : `available: ${Object.keys(view).sort().join(', ')}`,
    };
  }
  let current: unknown = view;
  for (const [i, part] of parts.entries()) {
    if (current === null || typeof current !== 'object' || !(part in (current as object))) {
      const parent = parts.slice(0, i).join('.');
      const keys = current && typeof current === 'object' ? Object.keys(current as object) : [];
      const suggestion = didYouMean(part, keys);
      return {
        message: `unknown template variable "${name}": "${parent}" has no "${part}"`,
        hint: suggestion
          ? `did you mean "${parent}.${suggestion}"?`
          : keys.length
            ? `known: ${keys.join(', ')}`
            : `define ${parent}.${part} in image.yml`,
      };
    }
    current = (current as Record<string, unknown>)[part];
  }
  if (isValue && current !== null && typeof current === 'object') {
    return {
      message: `"${name}" is a mapping, not a value`,
      hint: `use one of its keys: ${Object.keys(current).join(', ')}`,
    };
  }
  return undefined;
}

function loadPartial(templateFile: string, name: string): string | undefined {
  const dir = path.dirname(templateFile);
  for (const candidate of [name, `${name}.mustache`]) {
    const file = path.resolve(dir, candidate);
    if (existsSync(file)) return readFileSync(file, 'utf8');
  }
  return undefined;
}

export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
