/** Record entries sorted by key: flags generated from maps come out in the same order every run (stable history). */
export function sortedEntries(record: Record<string, string>): Array<[string, string]> {
  return Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
