/**
 * Finds where a field was written in a parsed YAML document. Every later stage reports problems against the user's
 * file, so paths into the data (['tags', 1, 'name']) must map back to line and column, also through anchors,
 * aliases and `<<` merge keys; a path that is not in the file gives its nearest written ancestor.
 */
import { type Document, type LineCounter, isAlias, isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import type { SourceLocation } from '../shared/errors';
import type { FieldPath } from './field-path';

export interface SourceLocators {
  /** Where a field's key (or a list item) was written. */
  locate: (path: FieldPath) => SourceLocation;
  /** Where a field's value starts; a block value may begin on the line after its key. */
  locateValue: (path: FieldPath) => SourceLocation;
  /** Where a given node of the document starts. */
  positionOf: (node: Node | undefined | null) => SourceLocation;
}

/** The text of a mapping key as it appears in the plain data (`<<` for a merge key), or undefined for a complex key. */
export function keyText(key: unknown): string | undefined {
  if (!isScalar(key)) return undefined;
  if (typeof key.value === 'symbol') return key.value.description ?? '<<';
  return key.value === null ? '' : String(key.value);
}

interface Found {
  node: Node | null;
  keyNode?: Node;
}

export function createLocators(doc: Document, lineCounter: LineCounter, file: string): SourceLocators {
  const at = (node: Node | undefined | null): SourceLocation => {
    const offset = node?.range?.[0];
    if (offset === undefined) return { file, line: 1, column: 1 };
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  return {
    positionOf: at,
    locate: (path) => {
      const found = find(doc, path);
      return at(found.keyNode ?? found.node);
    },
    locateValue: (path) => {
      const found = find(doc, path);
      return at(found.node ?? found.keyNode);
    },
  };
}

function find(doc: Document, path: FieldPath): Found {
  let found: Found = { node: (doc.contents as Node | null) ?? null };
  for (const segment of path) {
    const next = step(doc, resolve(doc, found.node), segment, new Set());
    if (!next) break;
    found = next;
  }
  return found;
}

function step(doc: Document, node: Node | null, segment: string | number, seen: Set<Node>): Found | undefined {
  if (isSeq(node)) {
    const item = node.items[Number(segment)] as Node | undefined;
    return item === undefined ? undefined : { node: item };
  }
  if (!isMap(node) || seen.has(node)) return undefined;
  seen.add(node);
  const pairs = node.items as Array<Pair<unknown, unknown>>;
  const pair = pairs.find((p) => keyText(p.key) === String(segment));
  if (pair) return { node: (pair.value as Node | null) ?? null, keyNode: pair.key as Node };
  // A key that is not written here may come from a `<<: *anchor` merge.
  for (const merge of pairs.filter((p) => keyText(p.key) === '<<')) {
    const source = resolve(doc, (merge.value as Node | null) ?? null);
    const sources = isSeq(source) ? (source.items as Node[]).map((item) => resolve(doc, item)) : [source];
    for (const candidate of sources) {
      const hit = step(doc, candidate, segment, seen);
      if (hit) return hit;
    }
  }
  return undefined;
}

function resolve(doc: Document, node: Node | null): Node | null {
  return isAlias(node) ? ((node.resolve(doc) as Node | undefined) ?? null) : node;
}
