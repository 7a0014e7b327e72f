import { SlugAllocator, slug } from '../../../src/core/pipeline/job-names';

describe('slug', () => {
  it.each([
    ['python', 'python'],
    ['tools/jq', 'tools-jq'],
    ['img.3', 'img-3'],
    ['linux/arm/v7', 'linux-arm-v7'],
    ['a..b//c', 'a-b-c'],
    ['-lead-', 'lead'],
    ['3d', 'i-3d'],
    ['under_score', 'under_score'],
  ])('%s → %s', (text, expected) => {
    expect(slug(text)).toBe(expected);
  });

  it('cuts long names and keeps them apart with a hash', () => {
    const a = slug(`${'x'.repeat(80)}a`);
    const b = slug(`${'x'.repeat(80)}b`);
    expect(a.length).toBeLessThanOrEqual(60);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^x+-[0-9a-f]{8}$/);
  });
});

describe('SlugAllocator', () => {
  it('gives look-alike names distinct, stable slugs', () => {
    const names = new SlugAllocator();
    const first = names.get('a.b');
    const second = names.get('a-b');
    expect(first).toBe('a-b');
    expect(second).toMatch(/^a-b-[0-9a-f]{8}$/);
    expect(names.get('a.b')).toBe(first);
    expect(names.get('a-b')).toBe(second);
  });

  it('never hands out a reserved word', () => {
    expect(new SlugAllocator(['generate']).get('generate')).not.toBe('generate');
  });
});
