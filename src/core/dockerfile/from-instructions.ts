/**
 * The FROM instructions of a Dockerfile: which images it builds on, in which stage, on which line. Built on the
 * shared scanner (continuations, comments, heredocs, `# escape=`), so a `FROM` inside a heredoc or a RUN
 * continuation is never taken for an instruction. Flags (`--platform=`) are skipped; references to earlier
 * stages, `scratch` and unresolved `$ARG`s are not images.
 */
import { scanDockerfile } from './instructions';

export interface FromInstruction {
  /** 1-based line of the FROM keyword. */
  line: number;
  /** The image reference as written (after flags). */
  ref: string;
  /** `AS <name>`, if any. */
  stage?: string;
  /** True when `ref` names an earlier stage, `scratch`, or contains an unresolved `$ARG`. */
  notAnImage: boolean;
  /** Character offsets of `ref` inside the whole text, for rewriting it in place (-1: not on the FROM line). */
  refStart: number;
  refEnd: number;
}

export function parseFromInstructions(dockerfile: string): FromInstruction[] {
  const scanned = scanDockerfile(dockerfile);
  const lineOffsets: number[] = [];
  let offset = 0;
  for (const line of scanned.lines) {
    lineOffsets.push(offset);
    offset += line.text.length + line.terminator.length;
  }
  const stages = new Set<string>();
  const result: FromInstruction[] = [];
  for (const instruction of scanned.instructions) {
    if (instruction.keyword !== 'from') continue;
    const words = instruction.args.split(/\s+/).filter(Boolean);
    let w = 0;
    while (w < words.length && words[w].startsWith('--')) w++;
    const ref = words[w];
    if (!ref) continue;
    const stage = words[w + 1]?.toLowerCase() === 'as' ? words[w + 2] : undefined;
    const notAnImage = ref.toLowerCase() === 'scratch' || stages.has(ref.toLowerCase()) || ref.includes('$');
    // Locate the reference on the FROM line itself (after the keyword) so it can be rewritten in place.
    const lineText = scanned.lines[instruction.startLine - 1].text;
    const keyword = /^\s*from\s+/i.exec(lineText);
    const afterKeyword = keyword ? keyword[0].length : lineText.length;
    const at = findWord(lineText, ref, afterKeyword);
    const start = at >= 0 ? lineOffsets[instruction.startLine - 1] + at : -1;
    result.push({
      line: instruction.startLine,
      ref,
      stage,
      notAnImage,
      refStart: start,
      refEnd: start >= 0 ? start + ref.length : -1,
    });
    if (stage) stages.add(stage.toLowerCase());
  }
  return result;
}

/** Index of `word` as a whole whitespace-separated word in `text` at or after `from`, or -1. */
function findWord(text: string, word: string, from: number): number {
  let at = text.indexOf(word, from);
  while (at >= 0) {
    const before = at === 0 ? ' ' : text[at - 1];
    const after = text[at + word.length] ?? ' ';
    if (/\s/.test(before) && /\s|\\|`/.test(after)) return at;
    at = text.indexOf(word, at + 1);
  }
  return -1;
}

/** Replaces the references of the given FROM instructions (by offsets), back to front so offsets stay valid. */
export function rewriteFromReferences(
  dockerfile: string,
  replacements: Array<{ from: FromInstruction; ref: string }>,
): string {
  let out = dockerfile;
  for (const { from, ref } of [...replacements].sort((a, b) => b.from.refStart - a.from.refStart)) {
    if (from.refStart < 0)
      throw new Error(`cannot rewrite the FROM on line ${from.line}: put the image reference on the FROM line`);
    out = out.slice(0, from.refStart) + ref + out.slice(from.refEnd);
  }
  return out;
}
