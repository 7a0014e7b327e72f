/** Small helpers for rewriting scanner JSON deterministically. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Replaces every string equal to a key of `renames` anywhere in `value` (ids are unique, so this is safe). */
export function renameStrings(value: Json, renames: Map<string, string>): Json {
  if (renames.size === 0) return value;
  if (typeof value === 'string') return renames.get(value) ?? value;
  if (Array.isArray(value)) return value.map((item) => renameStrings(item, renames));
  if (isObject(value)) {
    const out: JsonObject = {};
    for (const [key, item] of Object.entries(value)) out[key] = renameStrings(item, renames);
    return out;
  }
  return value;
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorts by a list of text keys, in order. */
export function sortByKeys<T>(items: T[], keys: (item: T) => string[]): T[] {
  return [...items].sort((a, b) => {
    const ka = keys(a);
    const kb = keys(b);
    for (let i = 0; i < Math.max(ka.length, kb.length); i++) {
      const order = compareText(ka[i] ?? '', kb[i] ?? '');
      if (order !== 0) return order;
    }
    return 0;
  });
}

export function text(value: Json | undefined): string {
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : JSON.stringify(value);
}

/** Random UUIDs that scanners use as identifiers (trivy's bom-refs). */
export const RANDOM_UUID = /^(urn:uuid:)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Makes `candidate` unique among `taken` by appending `#2`, `#3`, … */
export function uniqueId(candidate: string, taken: Set<string>): string {
  let id = candidate;
  for (let n = 2; taken.has(id); n++) id = `${candidate}#${n}`;
  taken.add(id);
  return id;
}
