import type { RootfsSettings } from '../../../src/core/config/types';
import { cascadeRootfs, mergeMaps } from '../../../src/core/model/merge-cascade';

describe('mergeMaps: image → tag → variant, later wins, first-appearance key order', () => {
  type Maps = Array<Record<string, string> | undefined>;
  it.each<[Maps, Record<string, string>, string[]]>([
    [[{ a: '1' }, { b: '2' }, { a: '3' }], { a: '3', b: '2' }, ['a', 'b']],
    [[{}, undefined, { x: 'y' }], { x: 'y' }, ['x']],
    [[{ python: '3.13', debian: '12' }, { python: '3.12' }], { python: '3.12', debian: '12' }, ['python', 'debian']],
  ])('%j', (levels, expected, keys) => {
    const merged = mergeMaps(...levels);
    expect(merged).toEqual(expected);
    expect(Object.keys(merged)).toEqual(keys);
  });
  it('never mutates its inputs', () => {
    const image = { a: '1' };
    mergeMaps(image, { a: '2' });
    expect(image).toEqual({ a: '1' });
  });
});

describe('cascadeRootfs (the PoC ignored the tag level for variants)', () => {
  it.each<[string, RootfsSettings[], { user: string; copy: boolean }]>([
    ['defaults', [{}, {}, {}], { user: '0:0', copy: true }],
    ['image level', [{ rootfs_user: '1000:1000', rootfs_copy: false }, {}, {}], { user: '1000:1000', copy: false }],
    ['tag overrides image', [{ rootfs_user: 'a' }, { rootfs_user: 'b' }], { user: 'b', copy: true }],
    [
      'tag level reaches the variant',
      [{ rootfs_user: 'a' }, { rootfs_user: 'b', rootfs_copy: false }, {}],
      { user: 'b', copy: false },
    ],
    [
      'variant overrides tag',
      [{}, { rootfs_user: 'b' }, { rootfs_user: 'node:node', rootfs_copy: true }],
      { user: 'node:node', copy: true },
    ],
  ])('%s', (_name, levels, expected) => {
    expect(cascadeRootfs(...levels)).toEqual(expected);
  });
});
