/**
 * Reads a YAML file the way users mean it. A plain scalar keeps its literal text: YAML would read the tag `3.10`
 * as the number 3.1 and `010` as 10, silently changing tag names and versions, so the number tags are removed from
 * the core schema and every plain scalar that is not a boolean or null stays a string. Booleans and null still
 * resolve, so the JSON Schema can insist on real booleans where a field is one.
 */
import {
  type Document,
  isAlias,
  isMap,
  isSeq,
  LineCounter,
  type Node,
  type Pair,
  parseDocument,
  type Tags,
} from 'yaml';
import type { Problem, SourceLocation } from '../shared/errors';
import { formatFieldPath, type FieldPath } from './field-path';
import { createLocators, keyText, type SourceLocators } from './source-locator';

export interface YamlSource extends SourceLocators {
  /**
   * True when the text could be turned into data (possibly with problems such as duplicate keys); `data` is
   * meaningful only then (null for an empty document).
   */
  parsed: boolean;
  data: unknown;
  problems: Problem[];
}

const NUMBER_TAGS = new Set(['tag:yaml.org,2002:int', 'tag:yaml.org,2002:float']);
const literalTags = (tags: Tags): Tags => tags.filter((tag) => typeof tag === 'string' || !NUMBER_TAGS.has(tag.tag));

export function parseYamlSource(text: string, file: string): YamlSource {
  const lineCounter = new LineCounter();
  // uniqueKeys off: duplicates are reported below with both lines, which the parser's own error cannot do.
  const doc = parseDocument(text, {
    lineCounter,
    uniqueKeys: false,
    merge: true,
    prettyErrors: false,
    customTags: literalTags,
  });
  const locators = createLocators(doc, lineCounter, file);
  const problems: Problem[] = [];
  // Messages only: the parser's pretty form quotes the source line, which may hold a credential.
  for (const error of [...doc.errors, ...doc.warnings]) {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    problems.push({
      message: `invalid YAML: ${error.message}`,
      location: { file, line, column: col },
      hint: yamlHint(error.code),
    });
  }
  // Duplicate keys still leave usable data (the last one wins), so the rest of the file is checked too.
  if (problems.length === 0 && checkStructure(doc, locators, problems)) {
    return { ...locators, parsed: true, data: doc.toJS({ maxAliasCount: 1000 }) as unknown, problems };
  }
  return { ...locators, parsed: false, data: undefined, problems };
}

function yamlHint(code: string): string | undefined {
  switch (code) {
    case 'TAB_AS_INDENT':
      return 'indent with spaces';
    case 'MULTIPLE_DOCS':
      return 'keep one document per file: remove the `---` separator';
    case 'TAG_RESOLVE_FAILED':
      return 'remove the `!` tag; values are read as text';
    default:
      return undefined;
  }
}

/**
 * Duplicate keys, non-text keys and self-referencing aliases: all valid YAML, none meaningful in our files.
 * Returns false when the document cannot be turned into plain data.
 */
function checkStructure(doc: Document, locators: SourceLocators, problems: Problem[]): boolean {
  let convertible = true;
  const ancestors = new Set<Node>();
  const visit = (node: Node | null, path: FieldPath): void => {
    if (isAlias(node)) {
      const target = node.resolve(doc) as Node | undefined;
      if (target && ancestors.has(target)) {
        convertible = false;
        problems.push({
          message: `alias *${node.source} refers to a node that contains it`,
          location: locators.locateValue(path),
          field: formatFieldPath(path) || undefined,
          hint: 'an alias may only repeat a node defined before and outside it',
        });
      }
      return;
    }
    if (!node || (!isMap(node) && !isSeq(node))) return;
    ancestors.add(node);
    if (isSeq(node)) node.items.forEach((item, index) => visit(item as Node | null, [...path, index]));
    else visitMap(node.items as Array<Pair<unknown, unknown>>, path, visit);
    ancestors.delete(node);
  };
  const visitMap = (pairs: Array<Pair<unknown, unknown>>, path: FieldPath, next: typeof visit): void => {
    const firstSeen = new Map<string, Node>();
    for (const pair of pairs) {
      const key = keyText(pair.key);
      const keyNode = pair.key as Node;
      if (key === undefined) {
        convertible = false;
        problems.push({
          message: 'a key must be plain text, not a list or mapping',
          location: locators.positionOf(keyNode),
          field: formatFieldPath(path) || undefined,
        });
        continue;
      }
      const first = firstSeen.get(key);
      if (first && key !== '<<') {
        problems.push({
          message: `duplicate key \`${key}\` (${bothLines(locators.positionOf(first), locators.positionOf(keyNode))})`,
          location: locators.positionOf(keyNode),
          field: formatFieldPath([...path, key]),
          hint: 'keep one of them; YAML would silently use the last',
        });
      } else firstSeen.set(key, keyNode);
      next((pair.value as Node | null) ?? null, [...path, key]);
    }
  };
  visit((doc.contents as Node | null) ?? null, []);
  return convertible;
}

function bothLines(first: SourceLocation, second: SourceLocation): string {
  return first.line === second.line
    ? `twice on line ${first.line}, columns ${first.column} and ${second.column}`
    : `lines ${first.line} and ${second.line}`;
}
