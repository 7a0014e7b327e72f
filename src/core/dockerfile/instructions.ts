/**
 * Splits a Dockerfile into instructions the way BuildKit's parser does, keeping physical line numbers so callers can
 * edit the original text without reformatting it. What counts (and what the PoC's per-line regexes got wrong):
 * parser directives (`# escape=`), line continuations with the active escape character, comment and blank lines
 * inside a continuation, and heredoc bodies of RUN/COPY/ADD (a `FROM` inside a heredoc is text, not an instruction).
 */
import { splitShellWords, unquoteShellWord } from './shell-words';

export interface PhysicalLine {
  /** The line without its terminator. */
  text: string;
  /** `\n`, `\r\n`, or `` for a last line without one. */
  terminator: string;
}

export interface DockerfileInstruction {
  /** Lower-case keyword, e.g. `from`, `copy`. */
  keyword: string;
  /** Everything after the keyword, continuation lines joined and comment lines dropped (as BuildKit sees it). */
  args: string;
  /** 1-based physical line of the keyword. */
  startLine: number;
  /** 1-based physical line where the instruction itself ends (its last continuation line). */
  endLine: number;
  /** 1-based last physical line including heredoc bodies (equals endLine without heredocs). */
  lastLine: number;
}

export interface ScannedDockerfile {
  lines: PhysicalLine[];
  instructions: DockerfileInstruction[];
  escapeChar: '\\' | '`';
}

const DIRECTIVE = /^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/;
const KNOWN_DIRECTIVES = new Set(['escape', 'syntax', 'check']);
const HEREDOC_WORD = /^(\d*)<<(-?)([^<]*)$/;
const HEREDOC_KEYWORDS = new Set(['run', 'copy', 'add']);
const BYTE_ORDER_MARK = '\uFEFF';

export function splitPhysicalLines(text: string): PhysicalLine[] {
  const lines: PhysicalLine[] = [];
  let start = 0;
  while (start < text.length) {
    const newline = text.indexOf('\n', start);
    if (newline < 0) {
      lines.push({ text: text.slice(start), terminator: '' });
      break;
    }
    const crlf = newline > start && text[newline - 1] === '\r';
    lines.push({ text: text.slice(start, crlf ? newline - 1 : newline), terminator: crlf ? '\r\n' : '\n' });
    start = newline + 1;
  }
  return lines;
}

export function scanDockerfile(text: string): ScannedDockerfile {
  const lines = splitPhysicalLines(text);
  const instructions: DockerfileInstruction[] = [];
  let escapeChar: '\\' | '`' = '\\';
  let continuation = continuationPattern(escapeChar);
  let lookingForDirectives = true;
  let next = 0;

  while (next < lines.length) {
    const raw = next === 0 ? stripByteOrderMark(lines[0].text) : lines[next].text;
    const trimmed = raw.trimStart();
    if (lookingForDirectives) {
      // Directives only count before the first instruction, comment or blank line (BuildKit's rule).
      const match = DIRECTIVE.exec(trimmed);
      const key = match?.[1].toLowerCase();
      if (!match || !key || !KNOWN_DIRECTIVES.has(key)) {
        lookingForDirectives = false;
      } else if (key === 'escape' && (match[2] === '`' || match[2] === '\\')) {
        escapeChar = match[2];
        continuation = continuationPattern(escapeChar);
      }
    }
    next++;
    const startLine = next;
    const first = trimmed.startsWith('#') ? '' : trimmed;
    let { text: joined, continues } = stripContinuation(first, continuation);
    if (!continues && joined === '') continue;
    while (continues && next < lines.length) {
      const part = lines[next].text;
      next++;
      // Comment and blank lines inside a continuation are dropped without ending the instruction.
      if (part.trimStart().startsWith('#') || part.trim() === '') continue;
      const stripped = stripContinuation(part, continuation);
      joined += stripped.text;
      continues = stripped.continues;
    }
    const endLine = next;
    const { keyword, args } = splitKeyword(joined);
    for (const terminator of heredocTerminators(keyword, args)) {
      next = skipHeredocBody(lines, next, terminator);
    }
    instructions.push({ keyword, args, startLine, endLine, lastLine: Math.max(endLine, next) });
  }
  return { lines, instructions, escapeChar };
}

function stripByteOrderMark(line: string): string {
  return line.startsWith(BYTE_ORDER_MARK) ? line.slice(BYTE_ORDER_MARK.length) : line;
}

function continuationPattern(escapeChar: string): RegExp {
  const e = `\\${escapeChar}`;
  return new RegExp(`([^${e}])${e}[ \\t]*$|^${e}[ \\t]*$`);
}

function stripContinuation(line: string, pattern: RegExp): { text: string; continues: boolean } {
  if (!pattern.test(line)) return { text: line, continues: false };
  return { text: line.replace(pattern, '$1'), continues: true };
}

function splitKeyword(line: string): { keyword: string; args: string } {
  const match = /^(\S+)[\t\v\f\r ]*([\s\S]*)$/.exec(line.trim());
  if (!match) return { keyword: '', args: '' };
  return { keyword: match[1].toLowerCase(), args: match[2] };
}

interface HeredocTerminator {
  name: string;
  /** `<<-`: leading tabs of the terminator line are ignored. */
  chomp: boolean;
}

function heredocTerminators(keyword: string, args: string): HeredocTerminator[] {
  let effectiveKeyword = keyword;
  let effectiveArgs = args;
  if (keyword === 'onbuild') ({ keyword: effectiveKeyword, args: effectiveArgs } = splitKeyword(args));
  if (!HEREDOC_KEYWORDS.has(effectiveKeyword) || isJsonForm(effectiveArgs)) return [];
  if (!effectiveArgs.includes('<<')) return [];
  const terminators: HeredocTerminator[] = [];
  for (const word of splitShellWords(effectiveArgs)) {
    const match = HEREDOC_WORD.exec(word);
    if (!match || match[3] === '') continue;
    const name = unquoteShellWord(match[3]);
    if (name === undefined || name === '' || /\s/.test(name)) continue;
    terminators.push({ name, chomp: match[2] === '-' });
  }
  return terminators;
}

/** RUN/COPY/ADD `["a", "b"]` (exec form) never contains heredocs. */
export function isJsonForm(args: string): boolean {
  const trimmed = args.trim();
  if (!trimmed.startsWith('[')) return false;
  try {
    const parsed: unknown = JSON.parse(trimmed);
    return Array.isArray(parsed) && parsed.every((item) => typeof item === 'string');
  } catch {
    return false;
  }
}

/** Returns the index of the line after the terminator (or the end of the file when it never comes). */
function skipHeredocBody(lines: PhysicalLine[], from: number, terminator: HeredocTerminator): number {
  let index = from;
  while (index < lines.length) {
    let candidate = lines[index].text.replace(/[\r\n]+$/, '');
    if (terminator.chomp) candidate = candidate.replace(/^\t+/, '');
    index++;
    if (candidate === terminator.name) return index;
  }
  return index;
}
