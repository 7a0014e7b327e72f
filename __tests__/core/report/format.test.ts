import {
  formatBytes,
  formatDuration,
  pullReference,
  shortDigest,
  shortPlatform,
} from '../../../src/core/report/format';

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1.0 KiB'],
    [1536, '1.5 KiB'],
    [31_457_280, '30.0 MiB'],
    [5 * 1024 ** 3, '5.0 GiB'],
    [3 * 1024 ** 5, '3072.0 TiB'],
  ])('%d → %s', (bytes, expected) => expect(formatBytes(bytes)).toBe(expected));
});

describe('formatDuration', () => {
  it.each([
    [0, '0 ms'],
    [999.4, '999 ms'],
    [1000, '1.0 s'],
    [44_500, '44.5 s'],
    [60_000, '1 min 0 s'],
    [125_400, '2 min 5 s'],
  ])('%d ms → %s', (ms, expected) => expect(formatDuration(ms)).toBe(expected));
});

describe('shortDigest', () => {
  it.each([
    [`sha256:${'a'.repeat(64)}`, 'sha256:aaaaaaaaaaaa…'],
    ['sha256:abc', 'sha256:abc'],
    ['deadbeefdeadbeef', 'deadbeefdead…'],
  ])('%s → %s', (digest, expected) => expect(shortDigest(digest)).toBe(expected));
});

describe('shortPlatform', () => {
  it.each([
    ['linux/amd64', 'amd64'],
    ['linux/arm/v7', 'arm/v7'],
    ['windows/amd64', 'windows/amd64'],
  ])('%s → %s', (platform, expected) => expect(shortPlatform(platform)).toBe(expected));
});

describe('pullReference', () => {
  it.each<[string | null, string | null, string | null]>([
    ['127.0.0.1:5050', null, '127.0.0.1:5050/lua:5.4.4'],
    ['ghcr.io/owner/repo/', null, 'ghcr.io/owner/repo/lua:5.4.4'],
    ['127.0.0.1:5050', 'mr-12', '127.0.0.1:5050/lua:5.4.4-mr-12'],
    [null, 'mr-12', null],
  ])('registry %j, snapshot %j → %j', (registry, snapshot, expected) =>
    expect(pullReference(registry, snapshot, 'lua', '5.4.4')).toBe(expected),
  );
});
