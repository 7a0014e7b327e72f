import { href, imagePage, sbomPage, selfHref, tagFile, tagPage } from '../../../src/core/report/page-paths';

describe('href', () => {
  it.each<[string, string, string, string | undefined, string]>([
    ['catalog → image', 'index.html', imagePage('lua'), undefined, 'lua/index.html'],
    [
      'catalog → tag, fragment',
      'index.html',
      tagPage('lua', '5.4.4'),
      'tests-linux-amd64',
      'lua/5.4.4/index.html#tests-linux-amd64',
    ],
    ['image → catalog', imagePage('lua'), 'index.html', undefined, '../index.html'],
    ['image → other image', imagePage('lua'), imagePage('base'), undefined, '../base/index.html'],
    ['tag → raw Dockerfile', tagPage('lua', '5.4.4'), tagFile('lua', '5.4.4', 'Dockerfile'), undefined, 'Dockerfile'],
    ['sbom → tag', sbomPage('lua', '5.4.4', 'linux-amd64'), tagPage('lua', '5.4.4'), undefined, '../index.html'],
    ['sbom → catalog', sbomPage('lua', '5.4.4', 'linux-amd64'), 'index.html', undefined, '../../../index.html'],
    ['nested image name', tagPage('team/tool', '1.0'), 'index.html', undefined, '../../../index.html'],
    ['nested → nested', imagePage('team/tool'), imagePage('team/other'), undefined, '../other/index.html'],
    [
      'tag with odd characters is encoded',
      'index.html',
      tagPage('lua', 'a b#c'),
      undefined,
      'lua/a%20b%23c/index.html',
    ],
  ])('%s', (_name, from, to, fragment, expected) => {
    expect(href(from, to, fragment)).toBe(expected);
  });

  it('encodes a fragment of the page itself', () => {
    expect(selfHref('image-team/tool')).toBe('#image-team%2Ftool');
  });
});
