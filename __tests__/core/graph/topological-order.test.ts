import { depths, topologicalOrder } from '../../../src/core/graph/topological-order';

const graph = (edges: Record<string, string[]>) => new Map(Object.entries(edges).map(([k, v]) => [k, new Set(v)]));

describe('topologicalOrder', () => {
  it.each<[string, Record<string, string[]>, string[]]>([
    ['empty', {}, []],
    ['independent images sort by name', { c: [], a: [], b: [] }, ['a', 'b', 'c']],
    ['chain', { luacheck: ['lua'], lua: ['base'], base: [] }, ['base', 'lua', 'luacheck']],
    ['diamond', { d: ['b', 'c'], b: ['a'], c: ['a'], a: [] }, ['a', 'b', 'c', 'd']],
    ['ready images by name, not by discovery', { z: [], y: ['z'], a: ['z'] }, ['z', 'a', 'y']],
    ['unknown dependencies are ignored', { a: ['upstream-debian'] }, ['a']],
  ])('%s', (_name, edges, expected) => {
    const result = topologicalOrder(Object.keys(edges), graph(edges));
    expect(result).toEqual({ order: expected });
  });

  it('is independent of input order', () => {
    const edges = { d: ['b', 'c'], b: ['a'], c: ['a'], a: [], e: [] };
    const a = topologicalOrder(['a', 'b', 'c', 'd', 'e'], graph(edges)).order;
    const b = topologicalOrder(['e', 'd', 'c', 'b', 'a'], graph(edges)).order;
    expect(a).toEqual(b);
  });

  it.each<[string, Record<string, string[]>, string[]]>([
    ['two-cycle', { a: ['b'], b: ['a'] }, ['a', 'b', 'a']],
    ['three-cycle behind a root', { root: [], c: ['b', 'root'], b: ['a'], a: ['c'] }, ['a', 'c', 'b', 'a']],
    ['self loop', { a: ['a'] }, ['a', 'a']],
  ])('reports a cycle: %s', (_name, edges, cycle) => {
    expect(topologicalOrder(Object.keys(edges), graph(edges)).cycle).toEqual(cycle);
  });
});

describe('depths', () => {
  it('is the longest chain to each image', () => {
    const edges = graph({ a: [], b: ['a'], c: ['b', 'a'], d: [] });
    expect(Object.fromEntries(depths(['a', 'b', 'c', 'd'], edges))).toEqual({ a: 0, b: 1, c: 2, d: 0 });
  });
});
