/**
 * A small layer over the `yaml` package so the serialisers describe plain data and still get a readable file:
 * short lists in flow style (`needs: [a, b]`), one-line matrix entries, a `# v7.0.1` comment after a pinned
 * action and blank lines between jobs. Output depends only on the data (insertion order), never on the clock.
 */
import { Document, Pair, Scalar, YAMLMap, YAMLSeq, type Node } from 'yaml';

/** Render a list or map on one line: `[a, b]`, `{ platform: linux/amd64, runner: ubuntu-24.04 }`. */
export class Flow {
  constructor(readonly value: unknown[] | Record<string, unknown>) {}
}

/** A scalar followed by a `# comment` on the same line. */
export class Commented {
  constructor(
    readonly value: string,
    readonly comment: string,
  ) {}
}

/** A map whose entries are separated by blank lines (top level, jobs). */
export class Spaced {
  constructor(readonly value: Record<string, unknown>) {}
}

export const flow = (value: unknown[] | Record<string, unknown>): Flow => new Flow(value);
export const commented = (value: string, comment: string): Commented => new Commented(value, comment);
export const spaced = (value: Record<string, unknown>): Spaced => new Spaced(value);

/** Serialises `value` with `header` lines as the leading comment block. */
export function renderYaml(value: Record<string, unknown> | Spaced, header: string[]): string {
  const doc = new Document();
  doc.contents = toNode(value, false) as typeof doc.contents;
  doc.commentBefore = header.map((line) => (line ? ` ${line}` : '')).join('\n');
  // `nullStr: ''` writes an event without filters as `pull_request:`, the way workflows are usually written.
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false, indentSeq: true, nullStr: '' });
}

function toNode(value: unknown, inFlow: boolean): Node {
  if (value instanceof Flow) return toNode(value.value, true);
  if (value instanceof Commented) {
    const scalar = new Scalar(value.value);
    scalar.comment = ` ${value.comment}`;
    return scalar;
  }
  if (value instanceof Spaced) return mapNode(value.value, inFlow, true);
  if (Array.isArray(value)) {
    const seq = new YAMLSeq();
    seq.flow = inFlow;
    for (const item of value) seq.items.push(toNode(item, inFlow));
    return seq;
  }
  if (value !== null && typeof value === 'object') return mapNode(value as Record<string, unknown>, inFlow, false);
  return new Scalar(value);
}

function mapNode(value: Record<string, unknown>, inFlow: boolean, blankLines: boolean): YAMLMap {
  const map = new YAMLMap();
  map.flow = inFlow;
  Object.entries(value).forEach(([key, item], index) => {
    if (item === undefined) return;
    const keyNode = new Scalar(key);
    if (blankLines && index > 0) keyNode.spaceBefore = true;
    map.items.push(new Pair(keyNode, toNode(item, inFlow)));
  });
  return map;
}
