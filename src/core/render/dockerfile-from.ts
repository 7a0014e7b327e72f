/**
 * Reads the FROM instructions of a Dockerfile: which images it builds on, in which stage, on which line. Handles
 * line continuations, comments, `--platform=` flags, `AS name` and references to earlier stages (which are not
 * images). Enough of the Dockerfile grammar to find dependencies; it is not a full parser.
 */
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
  const result: FromInstruction[] = [];
  const stages = new Set<string>();
  const escape = /^#\s*escape\s*=\s*`/im.test(dockerfile.split('\n').slice(0, 5).join('\n')) ? '`' : '\\';
  const lines = dockerfile.split('\n');
  let offset = 0;
  for (let i = 0; i < lines.length; i++) {
    const lineStart = offset;
    offset += lines[i].length + 1;
    const match = /^(\s*)(from)(\s+)/i.exec(lines[i]);
    if (!match) {
      // Skip continued lines of other instructions so a "FROM" inside a RUN continuation is not taken.
      while (continues(lines[i], escape) && i + 1 < lines.length) {
        i++;
        offset += lines[i].length + 1;
      }
      continue;
    }
    const fromLine = i + 1;
    const firstPart = lines[i].slice(match[0].length);
    const restStart = lineStart + match[0].length;
    let rest = firstPart;
    // A FROM continued onto following lines is joined; offsets stay valid only for words on the first line.
    while (continues(rest, escape) && i + 1 < lines.length) {
      rest = rest.replace(/[\\`]\s*$/, ' ') + lines[i + 1];
      i++;
      offset += lines[i].length + 1;
    }
    const words = [...rest.matchAll(/\S+/g)];
    let w = 0;
    while (w < words.length && words[w][0].startsWith('--')) w++;
    const refWord = words[w];
    if (!refWord) continue;
    const ref = refWord[0];
    const index = refWord.index ?? 0;
    const stage = words[w + 1]?.[0].toLowerCase() === 'as' ? words[w + 2]?.[0] : undefined;
    const notAnImage = ref.toLowerCase() === 'scratch' || stages.has(ref.toLowerCase()) || ref.includes('$');
    const onFirstLine = index + ref.length <= firstPart.length;
    result.push({
      line: fromLine,
      ref,
      stage,
      notAnImage,
      refStart: onFirstLine ? restStart + index : -1,
      refEnd: onFirstLine ? restStart + index + ref.length : -1,
    });
    if (stage) stages.add(stage.toLowerCase());
  }
  return result;
}

function continues(line: string, escape: string): boolean {
  const trimmed = line.replace(/\s+$/, '');
  return trimmed.endsWith(escape) && !/^\s*#/.test(line);
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
