/**
 * Build order of the catalog: Kahn's algorithm where, among the images that are ready, the one with the smallest
 * name goes first. The order depends only on the graph, never on the file system or a hash seed (PoC B12), so
 * every machine and every CI job computes the same order.
 */
export interface OrderResult {
  order: string[];
  /** A cycle as a closed path (`a → b → a`), when there is one. */
  cycle?: string[];
}

/** `dependsOn.get(x)` are the nodes x needs first. Unknown dependency names are ignored. */
export function topologicalOrder(nodes: Iterable<string>, dependsOn: Map<string, Set<string>>): OrderResult {
  const all = [...new Set(nodes)].sort();
  const known = new Set(all);
  const remaining = new Map<string, number>();
  const dependents = new Map<string, string[]>();
  for (const node of all) {
    const deps = [...(dependsOn.get(node) ?? [])].filter((d) => known.has(d) && d !== node);
    remaining.set(node, deps.length);
    for (const dep of deps) dependents.set(dep, [...(dependents.get(dep) ?? []), node]);
  }
  const ready = all.filter((n) => remaining.get(n) === 0);
  const order: string[] = [];
  while (ready.length > 0) {
    ready.sort();
    const node = ready.shift() as string;
    order.push(node);
    for (const dependent of dependents.get(node) ?? []) {
      const left = (remaining.get(dependent) ?? 0) - 1;
      remaining.set(dependent, left);
      if (left === 0) ready.push(dependent);
    }
  }
  const selfLoop = all.find((n) => dependsOn.get(n)?.has(n));
  if (selfLoop) return { order, cycle: [selfLoop, selfLoop] };
  if (order.length === all.length) return { order };
  return {
    order,
    cycle: findCycle(
      all.filter((n) => !order.includes(n)),
      dependsOn,
      known,
    ),
  };
}

function findCycle(stuck: string[], dependsOn: Map<string, Set<string>>, known: Set<string>): string[] {
  const stuckSet = new Set(stuck);
  // Every stuck node has a stuck dependency, so walking dependencies must revisit a node: that is a cycle.
  const path: string[] = [];
  const position = new Map<string, number>();
  let node = stuck[0];
  while (!position.has(node)) {
    position.set(node, path.length);
    path.push(node);
    const next = [...(dependsOn.get(node) ?? [])].filter((d) => known.has(d) && stuckSet.has(d)).sort()[0];
    node = next;
  }
  const cycle = path.slice(position.get(node));
  // Present it as "a needs b needs … needs a", starting from the smallest name for a stable message.
  const start = cycle.indexOf([...cycle].sort()[0]);
  const rotated = [...cycle.slice(start), ...cycle.slice(0, start)];
  return [...rotated, rotated[0]];
}

/** Length of the longest dependency chain ending at each node (roots have depth 0). */
export function depths(order: string[], dependsOn: Map<string, Set<string>>): Map<string, number> {
  const depth = new Map<string, number>();
  for (const node of order) {
    const deps = [...(dependsOn.get(node) ?? [])].filter((d) => depth.has(d));
    depth.set(node, deps.length === 0 ? 0 : 1 + Math.max(...deps.map((d) => depth.get(d) as number)));
  }
  return depth;
}
