import {
  compareVersions,
  detectScheme,
  equalVersions,
  familyAliases,
  schemeNamed,
  type ParsedVersion,
  type VersionSchemeName,
} from '../../../src/core/model/version-schemes';
import { compareDigits } from '../../../src/core/model/version-schemes/version-scheme';

function parseAll(scheme: VersionSchemeName, versions: string[]): ParsedVersion[] {
  return versions.map((version) => {
    const parsed = schemeNamed(scheme).parse(version);
    if (!parsed) throw new Error(`${version} should be a ${scheme} version`);
    return parsed;
  });
}

describe('parsing', () => {
  // prettier-ignore
  it.each([
    // scheme, text, components (undefined = not a version of the scheme), release
    ['semver', '1.2.3', ['1', '2', '3'], true],
    ['semver', 'v1.2.3', ['1', '2', '3'], true],
    ['semver', '1.2.3-rc.1', ['1', '2', '3'], false],
    ['semver', '1.2.3-alpine', ['1', '2', '3'], false],
    ['semver', '2025.10.1', ['2025', '10', '1'], true],
    ['semver', 'V1.2.3', undefined, false],
    ['semver', '=1.2.3', undefined, false],
    ['semver', ' 1.2.3', undefined, false],
    ['semver', '01.2.3', undefined, false],
    ['semver', '2025.09.1', undefined, false],
    ['semver', '1.2.3-01', undefined, false],
    ['semver', '1.2.3+build.5', undefined, false],
    ['semver', '1.2', undefined, false],
    ['semver', '1.2.3.4', undefined, false],
    ['semver', '9007199254740992.0.0', undefined, false],
    ['numeric', '9', ['9'], true],
    ['numeric', '9.0', ['9', '0'], true],
    ['numeric', '1.2.3.4', ['1', '2', '3', '4'], true],
    ['numeric', '24.04.1', ['24', '04', '1'], true],
    ['numeric', 'v1.2', ['1', '2'], true],
    ['numeric', '1.2.3-rc.1', undefined, false],
    ['numeric', '1..2', undefined, false],
    ['numeric', '1.2.', undefined, false],
    ['numeric', 'latest', undefined, false],
    ['calendar', '2025.09', ['2025', '09'], true],
    ['calendar', '2025.9', ['2025', '9'], true],
    ['calendar', '2025.09.1', ['2025', '09', '1'], true],
    ['calendar', '2025.09.30', ['2025', '09', '30'], true],
    ['calendar', '1990.01', ['1990', '01'], true],
    ['calendar', '2099.12', ['2099', '12'], true],
    ['calendar', '24.04', ['24', '04'], true],
    ['calendar', '24.04.1', ['24', '04', '1'], true],
    ['calendar', '1989.01', undefined, false],
    ['calendar', '2100.01', undefined, false],
    ['calendar', '2025.13', undefined, false],
    ['calendar', '2025.00', undefined, false],
    ['calendar', '24.4', undefined, false],
    ['calendar', '24.13', undefined, false],
    ['calendar', '9.0', undefined, false],
    ['calendar', '2025', undefined, false],
    ['calendar', '2025.09.1.2', undefined, false],
    ['calendar', 'v2025.09', undefined, false],
    ['none', '3.12-bookworm', [], true],
    ['none', 'v1', [], true],
    ['none', 'bookworm', undefined, false],
    ['none', 'V1.2.3', undefined, false],
  ] as Array<[VersionSchemeName, string, string[] | undefined, boolean]>)('%s %j', (scheme, text, components, release) => {
    const parsed = schemeNamed(scheme).parse(text);
    if (components === undefined) expect(parsed).toBeUndefined();
    else expect(parsed).toEqual({ text, components, release });
  });
});

describe('compareVersions orders each scheme', () => {
  // prettier-ignore
  it.each([
    // scheme, versions in ascending order
    ['semver', ['0.1.0', '0.2.0', '1.9.0', '1.10.0', '2.0.0-rc.1', '2.0.0-rc.2', '2.0.0-rc.10', '2.0.0', '10.0.0']],
    ['semver', ['latest', 'stable', '1.2.3', 'v1.2.4']],
    ['numeric', ['1', '1.9', '1.10', '2', '9.0', '9.0.1', '9.0.1.1', '10']],
    ['numeric', ['1.2', '1.2.0', '1.2.0.1']],
    ['numeric', ['1.8', '1.09', '1.10']],
    ['numeric', ['99999999999999999999', '100000000000000000000']],
    ['calendar', ['22.04', '24.04', '24.04.1', '24.10', '2025.09', '2025.09.1', '2025.10', '2026.01']],
    ['none', ['bookworm', 'trixie', '3.9-bookworm', '3.10-bookworm', '3.10-trixie', 'v1']],
    ['none', ['1.2.3', '1.2.3-rc.1']],
  ] as Array<[VersionSchemeName, string[]]>)('%s: %j', (scheme, ascending) => {
    const shuffled = [...ascending].reverse();
    expect(shuffled.sort((a, b) => compareVersions(scheme, a, b))).toEqual(ascending);
    for (let i = 1; i < ascending.length; i++) {
      expect(compareVersions(scheme, ascending[i - 1], ascending[i])).toBeLessThan(0);
      expect(compareVersions(scheme, ascending[i], ascending[i - 1])).toBeGreaterThan(0);
    }
  });

  it.each([
    ['semver', 'v1.2.3', '1.2.3'],
    ['numeric', '1.09', '1.9'],
    ['numeric', 'v1.2', '1.2'],
    ['calendar', '2025.9', '2025.09'],
  ] as Array<[VersionSchemeName, string, string]>)(
    '%s: %s and %s are the same version, ordered by text',
    (scheme, a, b) => {
      const [x, y] = parseAll(scheme, [a, b]);
      expect(schemeNamed(scheme).compare(x, y)).toBe(0);
      expect(equalVersions(schemeNamed(scheme), [x, y]).map(([p, q]) => [p.text, q.text])).toEqual([[b, a].sort()]);
      expect(Math.sign(compareVersions(scheme, a, b))).toBe(a < b ? -1 : 1);
    },
  );

  it('compares digit runs of any length without losing precision', () => {
    expect(compareDigits('9007199254740993', '9007199254740992')).toBeGreaterThan(0);
    expect(compareDigits('0009', '9')).toBe(0);
    expect(compareDigits('0', '000')).toBe(0);
  });
});

describe('detectScheme', () => {
  // prettier-ignore
  it.each([
    // versions, scheme, reason fragment
    [['9.0.100', '9.0.200'], 'semver', 'semver'],
    [['v1.2.3', '1.2.4-rc.1', 'latest'], 'semver', 'semver'],
    [['2025.10.1', '2025.11.2'], 'semver', 'semver'],
    [['2025.09', '2025.10'], 'calendar', 'calendar'],
    [['2025.09.1', '2025.10.1'], 'calendar', 'calendar'],
    [['22.04', '24.04', 'noble'], 'calendar', 'calendar'],
    [['22.04', '2025.09'], 'calendar', 'calendar'],
    [['9.0', '9.0.1'], 'numeric', 'dotted numbers'],
    [['1.2.3.4'], 'numeric', 'dotted numbers'],
    [['1.2.3', '24.04'], 'numeric', 'dotted numbers'],
    [['3', '3.13.7'], 'numeric', 'dotted numbers'],
    [['10.9', '10.10'], 'numeric', 'dotted numbers'],
    [['latest', 'stable', 'edge', 'bookworm', 'V1.2.3'], 'none', 'no tag is a version'],
    [[], 'none', 'no tag is a version'],
    [['1.2.3-rc.1', '9.0'], 'none', 'not semver: 9.0; not numeric: 1.2.3-rc.1'],
    [['3.12-bookworm', '3.13-bookworm'], 'none', 'no scheme fits'],
    [['1.2.3+build.5'], 'none', 'no scheme fits'],
  ] as Array<[string[], VersionSchemeName, string]>)('%j → %s', (versions, scheme, reason) => {
    const detected = detectScheme(versions);
    expect(detected.scheme).toBe(scheme);
    expect(detected.reason).toContain(reason);
    expect(detectScheme([...versions].reverse())).toEqual(detected);
  });
});

describe('familyAliases', () => {
  it('points each alias name at the highest release, ignoring pre-releases, with the family suffix', () => {
    const scheme = schemeNamed('semver');
    const versions = parseAll('semver', ['1.9.0', '1.10.0', '1.11.0-rc.1', '2.0.0-rc.1']);
    const aliases = familyAliases(scheme, versions, '-slim', true).map((a) => [a.alias, a.version.text, a.reason]);
    expect(aliases).toEqual([
      ['1-slim', '1.10.0', 'highest 1.x among "-slim" tags'],
      ['1.9-slim', '1.9.0', 'highest 1.9.x among "-slim" tags'],
      ['1.10-slim', '1.10.0', 'highest 1.10.x among "-slim" tags'],
      ['latest-slim', '1.10.0', 'latest: highest release among "-slim" tags'],
    ]);
  });

  it('keeps literal components in names: 1.09.1 and 1.9.2 are matched as written', () => {
    const aliases = familyAliases(schemeNamed('numeric'), parseAll('numeric', ['1.09.1', '1.9.2']), '', false);
    expect(Object.fromEntries(aliases.map((a) => [a.alias, a.version.text]))).toEqual({
      '1': '1.9.2',
      '1.09': '1.09.1',
      '1.9': '1.9.2',
    });
  });
});
