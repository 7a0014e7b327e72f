import { buildJobGraph, taskKey } from '../../../src/core/pipeline/job-graph';
import { catalog, image } from './support/catalogs';

const PLATFORMS = ['linux/amd64', 'linux/arm64'];

describe('buildJobGraph', () => {
  it.each([
    { shape: 'empty', images: [], depth: 0, order: [] },
    { shape: 'single', images: [image('base')], depth: 1, order: ['base'] },
    {
      shape: 'chain listed backwards',
      images: [image('app', ['py']), image('py', ['base']), image('base')],
      depth: 3,
      order: ['base', 'py', 'app'],
    },
    {
      shape: 'diamond',
      images: [image('base'), image('b', ['base']), image('a', ['base']), image('top', ['b', 'a'])],
      depth: 3,
      order: ['base', 'a', 'b', 'top'],
    },
    {
      shape: 'two roots, uneven branches',
      images: [image('z'), image('y', ['z']), image('x', ['y']), image('w', ['z', 'x']), image('a')],
      depth: 4,
      order: ['a', 'z', 'y', 'x', 'w'],
    },
  ])('orders a $shape catalog by level then name (depth $depth)', ({ images, depth, order }) => {
    const graph = buildJobGraph(catalog(...images), PLATFORMS);
    expect(graph.depth).toBe(depth);
    expect(graph.images.map((entry) => entry.name)).toEqual(order);
  });

  it('gives each task exactly the needs the FROM graph implies', () => {
    const graph = buildJobGraph(catalog(image('base'), image('py', ['base'])), PLATFORMS);
    const needs = Object.fromEntries(graph.tasks.map((task) => [task.key, task.needs]));
    expect(needs[taskKey('build', 'py', 'linux/arm64')]).toEqual([
      taskKey('generate'),
      taskKey('build', 'base', 'linux/arm64'),
    ]);
    expect(needs[taskKey('manifest', 'py')]).toEqual([
      taskKey('build', 'py', 'linux/amd64'),
      taskKey('build', 'py', 'linux/arm64'),
    ]);
    expect(needs[taskKey('test', 'py', 'linux/arm64')]).toEqual([taskKey('build', 'py', 'linux/arm64')]);
    expect(needs[taskKey('publish', 'py')]).toEqual([
      taskKey('manifest', 'py'),
      taskKey('sbom', 'py', 'linux/amd64'),
      taskKey('sbom', 'py', 'linux/arm64'),
      taskKey('test', 'py', 'linux/amd64'),
      taskKey('test', 'py', 'linux/arm64'),
    ]);
    // generate + per image: 2 builds, manifest, 2 sboms, 2 tests, publish.
    expect(graph.tasks).toHaveLength(1 + 2 * 8);
  });

  it('records dependents so the layout can tell leaves apart', () => {
    const graph = buildJobGraph(catalog(image('base'), image('a', ['base']), image('b', ['base'])), PLATFORMS);
    expect(graph.images.map((entry) => [entry.name, entry.dependents])).toEqual([
      ['base', ['a', 'b']],
      ['a', []],
      ['b', []],
    ]);
  });

  it.each([
    { problem: 'an unknown parent', images: [image('a', ['nope'])], message: '"a" depends on unknown image "nope"' },
    { problem: 'a self dependency', images: [image('a', ['a'])], message: '"a" depends on itself' },
    {
      problem: 'a cycle',
      images: [image('a', ['b']), image('b', ['a'])],
      message: 'dependency cycle',
    },
    { problem: 'a duplicate name', images: [image('a'), image('a')], message: 'lists image "a" twice' },
  ])('throws on $problem: the summary contract is broken upstream', ({ images, message }) => {
    expect(() => buildJobGraph(catalog(...images), PLATFORMS)).toThrow(message);
  });
});
