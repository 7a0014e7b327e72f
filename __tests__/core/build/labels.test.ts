import { buildOciLabels, expandPlaceholders, formatCreated, type OciLabelInputs } from '../../../src/core/build/labels';

describe('buildOciLabels', () => {
  it.each<[string, OciLabelInputs, Record<string, string>]>([
    [
      'minimal: title and version only',
      { image: 'python', tag: '3.13.7' },
      { 'org.opencontainers.image.title': 'python', 'org.opencontainers.image.version': '3.13.7' },
    ],
    [
      'everything, with placeholders expanded',
      {
        image: 'python',
        tag: '3.13.7-slim',
        revision: '0123456789abcdef0123456789abcdef01234567',
        source: 'https://github.com/acme/images',
        createdEpoch: 1767225600,
        description: 'Python runtime',
        licenses: 'MIT',
        vendor: 'ACME',
        authors: 'Platform team <platform@acme.example>',
        url: 'https://images.acme.example/%image%/%tag%',
        documentation: 'https://docs.acme.example/%image%#%tag%',
        baseName: '127.0.0.1:5050/debian:bookworm-slim',
        baseDigest: 'sha256:' + 'b'.repeat(64),
      },
      {
        'org.opencontainers.image.title': 'python',
        'org.opencontainers.image.version': '3.13.7-slim',
        'org.opencontainers.image.created': '2026-01-01T00:00:00Z',
        'org.opencontainers.image.revision': '0123456789abcdef0123456789abcdef01234567',
        'org.opencontainers.image.source': 'https://github.com/acme/images',
        'org.opencontainers.image.description': 'Python runtime',
        'org.opencontainers.image.licenses': 'MIT',
        'org.opencontainers.image.vendor': 'ACME',
        'org.opencontainers.image.authors': 'Platform team <platform@acme.example>',
        'org.opencontainers.image.url': 'https://images.acme.example/python/3.13.7-slim',
        'org.opencontainers.image.documentation': 'https://docs.acme.example/python#3.13.7-slim',
        'org.opencontainers.image.base.name': '127.0.0.1:5050/debian:bookworm-slim',
        'org.opencontainers.image.base.digest': 'sha256:' + 'b'.repeat(64),
      },
    ],
    [
      'empty and blank values are left out',
      { image: 'x', tag: '1', description: '   ', licenses: '', vendor: undefined },
      { 'org.opencontainers.image.title': 'x', 'org.opencontainers.image.version': '1' },
    ],
    [
      'epoch 0 is a real date',
      { image: 'x', tag: '1', createdEpoch: 0 },
      {
        'org.opencontainers.image.title': 'x',
        'org.opencontainers.image.version': '1',
        'org.opencontainers.image.created': '1970-01-01T00:00:00Z',
      },
    ],
  ])('%s', (_name, inputs, expected) => {
    const labels = buildOciLabels(inputs);
    expect(labels).toEqual(expected);
    expect(Object.keys(labels)).toEqual(Object.keys(expected));
  });

  it('is a pure function of its inputs (no wall clock, PoC B29)', () => {
    const inputs = { image: 'a', tag: '1', createdEpoch: 1700000000 };
    expect(buildOciLabels(inputs)).toEqual(buildOciLabels({ ...inputs }));
    expect(buildOciLabels({ image: 'a', tag: '1' })['org.opencontainers.image.created']).toBeUndefined();
  });
});

describe('expandPlaceholders', () => {
  it.each([
    ['https://x/%image%/%tag%/%image%', 'https://x/img/1.0/img'],
    ['no placeholders', 'no placeholders'],
  ])('%s → %s', (text, expected) => {
    expect(expandPlaceholders(text, { image: 'img', tag: '1.0' })).toBe(expected);
  });
});

describe('formatCreated', () => {
  it.each([
    [1767225600, '2026-01-01T00:00:00Z'],
    [1700000000, '2023-11-14T22:13:20Z'],
  ])('%d → %s', (epoch, expected) => {
    expect(formatCreated(epoch)).toBe(expected);
  });
  it.each([-1, 1.5, NaN])('rejects %d', (epoch) => {
    expect(() => formatCreated(epoch)).toThrow(RangeError);
  });
});
