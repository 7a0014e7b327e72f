import {
  formatImageReference,
  resolveCatalogReference,
  type ReferenceableImage,
} from '../../../src/core/render/image-reference';

const images = new Map<string, ReferenceableImage>([
  [
    'base',
    { name: 'base', baseTags: ['2026.11'], allTags: new Set(['2026.11']), aliases: new Map([['2026', '2026.11']]) },
  ],
  [
    'lua',
    {
      name: 'lua',
      baseTags: ['5.4.4', '5.1.5'],
      allTags: new Set(['5.4.4', '5.1.5', '5.4.4-dev', '5.1.5-dev']),
      aliases: new Map([
        ['5', '5.4.4'],
        ['5.1', '5.1.5'],
        ['5-dev', '5.4.4-dev'],
      ]),
    },
  ],
]);

describe('resolveCatalogReference', () => {
  it.each([
    ['base', 'base', '2026.11'],
    ['base:2026', 'base', '2026.11'],
    ['lua:5.1', 'lua', '5.1.5'],
    ['lua:5.4.4-dev', 'lua', '5.4.4-dev'],
    ['lua:5-dev', 'lua', '5.4.4-dev'],
    ['  lua:5  ', 'lua', '5.4.4'],
  ])('%s → %s:%s', (text, image, tag) => {
    expect(resolveCatalogReference(text, images)).toEqual({ ok: true, image, tag });
  });

  it.each([
    ['bsae', /"bsae" is not an image of this catalog/, /did you mean "base"/],
    ['lua', /several tags; say which one/, /lua:5\.4\.4, lua:5\.1\.5/],
    ['lua:5.3', /no tag or alias "5\.3"/, /did you mean "lua:5\.1"/],
  ])('%s is an error', (text, message, hint) => {
    const result = resolveCatalogReference(text, images);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toMatch(message);
      expect(result.hint).toMatch(hint);
    }
  });
});

describe('formatImageReference', () => {
  it.each([
    ['127.0.0.1:5050', 'lua', '5.4.4', undefined, '127.0.0.1:5050/lua:5.4.4'],
    ['ghcr.io/org', 'lua', '5.4.4-dev', 'pr-7', 'ghcr.io/org/lua:5.4.4-dev-pr-7'],
  ])('%s %s %s %s', (registry, image, tag, snapshot, expected) => {
    expect(formatImageReference(registry, image, tag, snapshot)).toBe(expected);
  });
});
