/**
 * A unified line diff (`--- a` / `+++ b` / `@@ -l,n +l,n @@`), enough to show why a committed pipeline is stale.
 * Common leading and trailing lines are skipped first (a stale pipeline usually differs in a few jobs), then the
 * middle is aligned with a longest-common-subsequence table. A middle too large for the table (over ~4 million
 * line pairs) is shown as replaced wholesale: still a correct diff, only not the shortest.
 */

export interface LineDiffOptions {
  fromLabel: string;
  toLabel: string;
  /** Unchanged lines shown around each change (default 3). */
  context?: number;
}

type Op = { type: ' ' | '-' | '+'; text: string };

const MAX_TABLE_CELLS = 4_000_000;
const NO_NEWLINE = '\\ No newline at end of file';

/** Returns '' when the texts are equal. */
export function unifiedLineDiff(from: string, to: string, options: LineDiffOptions): string {
  if (from === to) return '';
  const ops = diffLines(splitLines(from), splitLines(to));
  const context = options.context ?? 3;
  const out = [`--- ${options.fromLabel}`, `+++ ${options.toLabel}`];
  for (const [start, end] of hunkRanges(ops, context)) out.push(...renderHunk(ops, start, end));
  return `${out.join('\n')}\n`;
}

/** Lines without their terminators; a last line lacking its newline is tagged so it differs from one that has it. */
function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  else lines[lines.length - 1] += `\n${NO_NEWLINE}`;
  return lines;
}

function diffLines(a: string[], b: string[]): Op[] {
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < a.length - prefix &&
    suffix < b.length - prefix &&
    a[a.length - 1 - suffix] === b[b.length - 1 - suffix]
  )
    suffix++;
  const same = (lines: string[]): Op[] => lines.map((text) => ({ type: ' ', text }));
  return [
    ...same(a.slice(0, prefix)),
    ...alignMiddle(a.slice(prefix, a.length - suffix), b.slice(prefix, b.length - suffix)),
    ...same(a.slice(a.length - suffix)),
  ];
}

function alignMiddle(a: string[], b: string[]): Op[] {
  const removed = a.map((text): Op => ({ type: '-', text }));
  const added = b.map((text): Op => ({ type: '+', text }));
  if (a.length === 0 || b.length === 0 || (a.length + 1) * (b.length + 1) > MAX_TABLE_CELLS) {
    return [...removed, ...added];
  }
  // lcs[i][j] = length of the longest common subsequence of a[i..] and b[j..], stored row-major.
  const width = b.length + 1;
  const lcs = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i * width + j] =
        a[i] === b[j] ? lcs[(i + 1) * width + j + 1] + 1 : Math.max(lcs[(i + 1) * width + j], lcs[i * width + j + 1]);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      ops.push({ type: ' ', text: a[i++] });
      j++;
    } else if (lcs[(i + 1) * width + j] >= lcs[i * width + j + 1]) ops.push({ type: '-', text: a[i++] });
    else ops.push({ type: '+', text: b[j++] });
  }
  while (i < a.length) ops.push({ type: '-', text: a[i++] });
  while (j < b.length) ops.push({ type: '+', text: b[j++] });
  return ops;
}

/** [start, end) ranges of ops to print: each change plus `context` lines, merged when they touch. */
function hunkRanges(ops: Op[], context: number): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  ops.forEach((op, index) => {
    if (op.type === ' ') return;
    const start = Math.max(0, index - context);
    const end = Math.min(ops.length, index + context + 1);
    const last = ranges[ranges.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else ranges.push([start, end]);
  });
  return ranges;
}

function renderHunk(ops: Op[], start: number, end: number): string[] {
  let fromLine = 1;
  let toLine = 1;
  for (const op of ops.slice(0, start)) {
    if (op.type !== '+') fromLine++;
    if (op.type !== '-') toLine++;
  }
  const body = ops.slice(start, end);
  const fromCount = body.filter((op) => op.type !== '+').length;
  const toCount = body.filter((op) => op.type !== '-').length;
  // An empty side names the line before the hunk, as GNU diff does.
  const range = (line: number, count: number): string => (count === 0 ? `${line - 1},0` : `${line},${count}`);
  return [
    `@@ -${range(fromLine, fromCount)} +${range(toLine, toCount)} @@`,
    ...body.map((op) => `${op.type}${op.text}`),
  ];
}
