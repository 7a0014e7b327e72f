import { createHash } from 'node:crypto';
import { buildImageIndex, type IndexEntry } from '../../../src/core/registry/image-index';
import { MediaType } from '../../../src/core/registry/manifest';
import { formatPlatform, platformFromConfig, platformMatches } from '../../../src/core/registry/platform';

const entry = (n: number, architecture: string, variant?: string): IndexEntry => ({
  mediaType: MediaType.OciManifest,
  digest: `sha256:${String(n).repeat(64)}`,
  size: 500 + n,
  platform: variant ? { architecture, os: 'linux', variant } : { architecture, os: 'linux' },
});

describe('buildImageIndex', () => {
  it('sorts platforms and writes the exact, digest-stable bytes', () => {
    const built = buildImageIndex([entry(2, 'arm64'), entry(1, 'amd64')]);
    const expected =
      '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[' +
      `{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:${'1'.repeat(64)}","size":501,"platform":{"architecture":"amd64","os":"linux"}},` +
      `{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:${'2'.repeat(64)}","size":502,"platform":{"architecture":"arm64","os":"linux"}}]}`;
    expect(Buffer.from(built.bytes).toString()).toBe(expected);
    expect(built.digest).toBe(`sha256:${createHash('sha256').update(expected).digest('hex')}`);
  });

  it('gives the same bytes whatever the input order and key order', () => {
    const a = buildImageIndex([entry(1, 'amd64'), entry(3, 'arm', 'v7'), entry(2, 'arm64')], { b: '2', a: '1' });
    const shuffled = [entry(2, 'arm64'), entry(1, 'amd64'), entry(3, 'arm', 'v7')].map((e) => ({
      platform: e.platform,
      size: e.size,
      digest: e.digest,
      mediaType: e.mediaType,
    }));
    const b = buildImageIndex(shuffled, { a: '1', b: '2' });
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
    expect(a.index.manifests.map((m) => formatPlatform(m.platform!))).toEqual([
      'linux/amd64',
      'linux/arm/v7',
      'linux/arm64',
    ]);
    expect(Object.keys(a.index.annotations ?? {})).toEqual(['a', 'b']);
  });

  it('refuses two images of the same platform', () => {
    expect(() => buildImageIndex([entry(1, 'amd64'), entry(2, 'amd64')])).toThrow(
      'two images have the platform linux/amd64',
    );
  });
});

describe('platforms', () => {
  it.each([
    [{ os: 'linux', architecture: 'amd64' }, 'linux/amd64'],
    [{ os: 'linux', architecture: 'arm', variant: 'v7' }, 'linux/arm/v7'],
    [{ os: 'windows', architecture: 'amd64', 'os.version': '10.0.17763.1' }, 'windows/amd64:10.0.17763.1'],
  ])('%j is %s', (platform, text) => {
    expect(formatPlatform(platform)).toBe(text);
  });

  it('reads the platform from an image config in a fixed key order', () => {
    const platform = platformFromConfig({ variant: 'v8', os: 'linux', architecture: 'arm64', config: {}, rootfs: {} });
    expect(JSON.stringify(platform)).toBe('{"architecture":"arm64","os":"linux","variant":"v8"}');
    expect(() => platformFromConfig({ os: 'linux' })).toThrow('no "os"/"architecture"');
    expect(() => platformFromConfig('x')).toThrow('no "os"/"architecture"');
  });

  it.each([
    ['linux/arm64', { os: 'linux', architecture: 'arm64', variant: 'v8' }, true],
    ['linux/arm64/v8', { os: 'linux', architecture: 'arm64', variant: 'v8' }, true],
    ['linux/arm/v7', { os: 'linux', architecture: 'arm', variant: 'v6' }, false],
    ['linux/amd64', { os: 'linux', architecture: 'arm64' }, false],
  ])('%s matches %j: %s', (wanted, platform, expected) => {
    expect(platformMatches(wanted, platform)).toBe(expected);
  });
});
