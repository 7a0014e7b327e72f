import type { VersionSchemeSetting } from '../../../src/core/config/types';
import { resolveAliases, type AliasInput, type AliasResult, type AliasTagInput } from '../../../src/core/model/aliases';
import type { VersionSchemeName } from '../../../src/core/model/version-schemes';

const FILE = 'images/app/image.yml';

interface Case {
  tags: string[];
  /** Variant tag suffixes; every variant is built for every base tag unless `only` says otherwise. */
  variants?: string[];
  only?: Record<string, string[]>;
  latest?: boolean;
  scheme?: VersionSchemeSetting;
  explicit?: Record<string, string>;
}

/** Base tag i is declared on line 10+i, variant j on line 30+j, explicit alias k on line 50+k. */
function inputFor(c: Case): AliasInput {
  const tags: AliasTagInput[] = c.tags.map((tag, i) => ({
    tag,
    version: tag,
    family: '',
    source: { file: FILE, line: 10 + i },
    field: `tags[${i}].name`,
  }));
  (c.variants ?? []).forEach((suffix, j) => {
    for (const version of c.only?.[suffix] ?? c.tags)
      tags.push({ tag: version + suffix, version, family: suffix, source: { file: FILE, line: 30 + j } });
  });
  return {
    image: 'app',
    scheme: c.scheme ?? 'auto',
    latest: c.latest ?? false,
    tags,
    explicit: Object.entries(c.explicit ?? {}).map(([alias, target], k) => ({
      alias,
      target,
      source: { file: FILE, line: 50 + k },
    })),
    schemeSource: { file: FILE, line: 2 },
    latestSource: { file: FILE, line: 3 },
  };
}

function show(result: AliasResult): string {
  return result.aliases.map((a) => `${a.alias}→${a.target}`).join(' ') || '(none)';
}

function resolve(c: Case): AliasResult {
  return resolveAliases(inputFor(c));
}

describe('the PoC alias table (poc-behaviour.md §4.4), with our intended results', () => {
  // Rows where we differ from the PoC say why. "error" rows fail the run; the aliases still listed are those
  // without a problem of their own.
  // prettier-ignore
  it.each([
    //  #  tags                                        variants         scheme       our aliases                                                                                   problems (message fragments)
    [1,  ['9.0.100', '9.0.200'],                      [],              'semver',   '9→9.0.200 9.0→9.0.200', []],
    [2,  ['9.0.100', '9.0.200', '9.1.50'],            [],              'semver',   '9→9.1.50 9.0→9.0.200 9.1→9.1.50', []],
    [3,  ['9.0.100', '10.0.0'],                       [],              'semver',   '10→10.0.0 10.0→10.0.0 9→9.0.100 9.0→9.0.100', []],
    [4,  ['9.0.100', 'latest', 'stable'],             [],              'semver',   '9→9.0.100 9.0→9.0.100', []],
    [5,  ['latest', 'stable'],                        [],              'none',     '(none)', []],
    // Differs: `-semantic` on a base tag is a semver pre-release, which takes no alias (a -rc family would track
    // release candidates). Declare `-semantic` as a variant to get 9-semantic (row 8).
    [6,  ['9.0.100-semantic', '9.0.200-semantic'],    [],              'semver',   '(none)', []],
    [7,  ['3.13.7', '3.13.6'],                        ['-browser'],    'semver',   '3→3.13.7 3-browser→3.13.7-browser 3.13→3.13.7 3.13-browser→3.13.7-browser', []],
    [8,  ['9.0.100', '9.0.200', '9.0.300'],           ['-semantic'],   'semver',   '9→9.0.300 9-semantic→9.0.300-semantic 9.0→9.0.300 9.0-semantic→9.0.300-semantic', []],
    [9,  ['8.0.100', '8.0.300', '8.0.200'],           ['-semantic'],   'semver',   '8→8.0.300 8-semantic→8.0.300-semantic 8.0→8.0.300 8.0-semantic→8.0.300-semantic', []],
    // Differs: calendar scheme, the year is an alias.
    [10, ['2025.09'],                                 [],              'calendar', '2025→2025.09', []],
    [11, ['3.13.7'],                                  [],              'semver',   '3→3.13.7 3.13→3.13.7', []],
    // Differs: Ubuntu-style YY.MM is calendar; the year is an alias.
    [12, ['22.04', '24.04'],                          [],              'calendar', '22→22.04 24→24.04', []],
    // Differs: calendar, year → highest month.
    [13, ['2025.09', '2025.10'],                      [],              'calendar', '2025→2025.10', []],
    [14, ['v1.2.3'],                                  [],              'semver',   '1→v1.2.3 1.2→v1.2.3', []],
    [15, ['V1.2.3'],                                  [],              'none',     '(none)', []],
    // Differs: pre-releases get no aliases of their own and never take a release alias.
    [16, ['1.2.3-rc.1', '1.2.3'],                     [],              'semver',   '1→1.2.3 1.2→1.2.3', []],
    [17, ['1.0.0-rc.1', '1.0.0-rc.2'],                [],              'semver',   '(none)', []],
    [18, ['1.0.0-rc1', '1.1.0-rc1'],                  [],              'semver',   '(none)', []],
    // Differs (⚠ B17): build metadata is not a version of any scheme, so no alias like `1+build.5` can appear (the
    // config layer also rejects the tag itself: `+` is not allowed in a Docker tag).
    [19, ['1.2.3+build.5'],                           [],              'none',     '(none)', []],
    [20, ['1.9.0', '1.10.0'],                         [],              'semver',   '1→1.10.0 1.10→1.10.0 1.9→1.9.0', []],
    [21, ['0.1.0', '0.2.0'],                          [],              'semver',   '0→0.2.0 0.1→0.1.0 0.2→0.2.0', []],
    // Differs: the same version written twice is an error, not "first declared wins"; both orders agree.
    [22, ['v1.2.3', '1.2.3'],                         [],              'semver',   '1→v1.2.3 1.2→v1.2.3', ['two tags with the same version: "v1.2.3" and "1.2.3"']],
    [23, ['1.2.3', 'v1.2.3'],                         [],              'semver',   '1→v1.2.3 1.2→v1.2.3', ['two tags with the same version: "v1.2.3" and "1.2.3"']],
    // Differs (⚠ B8): numeric scheme, every proper prefix, literal components.
    [24, ['1.2.3.4'],                                 [],              'numeric',  '1→1.2.3.4 1.2→1.2.3.4 1.2.3→1.2.3.4', []],
    // Differs (⚠ B8): zero padding kept (2025.09, not 2025.9).
    [25, ['2025.09.1'],                               [],              'calendar', '2025→2025.09.1 2025.09→2025.09.1', []],
    // Differs (⚠ B8): `2025.09.1-x` as a base tag fits no scheme (09 is not semver), so no unsuffixed `2025`
    // alias points at it; declare `-x` as a variant instead (row 33).
    [26, ['2025.09.1-x'],                             [],              'none',     '(none)', []],
    // Differs (⚠ B8, ⚠ B11): `24.04` (not `24.4`) would equal the tag 24.04: reported instead of overwriting it.
    [27, ['24.04', '24.04.1'],                        [],              'calendar', '24→24.04.1', ['automatic alias "24.04" (highest 24.04.x → 24.04.1) has the same name as tag "24.04"']],
    // Differs (⚠ B11): an alias equal to a tag is an error naming the tag, not a crash half-way through generate.
    [28, ['9.0', '9.0.1'],                            [],              'numeric',  '9→9.0.1', ['automatic alias "9.0" (highest 9.0.x → 9.0.1) has the same name as tag "9.0"']],
    [29, ['3', '3.13.7'],                             [],              'numeric',  '3.13→3.13.7', ['automatic alias "3" (highest 3.x → 3.13.7) has the same name as tag "3"']],
    [30, ['latest', '1.0.0'],                         [],              'semver',   '1→1.0.0 1.0→1.0.0', []],
    [31, ['1.0.0', '1.1.0'],                          ['-a', '-b'],    'semver',   '1→1.1.0 1-a→1.1.0-a 1-b→1.1.0-b 1.0→1.0.0 1.0-a→1.0.0-a 1.0-b→1.0.0-b 1.1→1.1.0 1.1-a→1.1.0-a 1.1-b→1.1.0-b', []],
    [32, ['v1.2.3'],                                  ['-x'],          'semver',   '1→v1.2.3 1-x→v1.2.3-x 1.2→v1.2.3 1.2-x→v1.2.3-x', []],
    // Differs (⚠ B8): the base alias 2025 is not overwritten by the variant; suffixes and padding kept.
    [33, ['2025.09.1'],                               ['-x'],          'calendar', '2025→2025.09.1 2025-x→2025.09.1-x 2025.09→2025.09.1 2025.09-x→2025.09.1-x', []],
    // Differs (⚠ B9): base tag 1.0.1-x reads as the -x variant of 1.0.1: reported. It is a semver pre-release, so
    // it takes no alias and `1-x` is not fought over (the PoC silently overwrote it).
    [34, ['1.0.0', '1.0.1-x'],                        ['-x'],          'semver',   '1→1.0.0 1-x→1.0.0-x 1.0→1.0.0 1.0-x→1.0.0-x', ['tag "1.0.1-x" reads as the "-x" variant of 1.0.1, but it is a base tag']],
    // ⚠ B16: an empty suffix makes variant tags identical to base tags; the config layer rejects `tag_suffix: ""`,
    // and here the duplicates collapse instead of overwriting each other.
    [35, ['1.2.3'],                                   [''],            'semver',   '1→1.2.3 1.2→1.2.3', []],
    [36, ['1.2.3'],                                   ['slim'],        'semver',   '1→1.2.3 1.2→1.2.3 1.2slim→1.2.3slim 1slim→1.2.3slim', []],
    [37, ['latest', 'stable'],                        ['-x'],          'none',     '(none)', []],
  ] as Array<[number, string[], string[], VersionSchemeName, string, string[]]>)(
    'row %i: %j + variants %j → %s',
    (_row, tags, variants, scheme, expected, problems) => {
      const result = resolve({ tags, variants });
      expect(result.scheme).toBe(scheme);
      expect(show(result)).toBe(expected);
      expect(result.problems).toHaveLength(problems.length);
      problems.forEach((fragment, i) => expect(result.problems[i].message).toContain(fragment));
    },
  );
});

describe('beyond the PoC table', () => {
  // prettier-ignore
  it.each([
    // name, case, scheme, aliases, problems (message fragments)
    ['pre-release above the releases takes nothing, not even its own minor',
      { tags: ['1.2.3', '1.3.0-rc.1'], latest: true }, 'semver', '1→1.2.3 1.2→1.2.3 latest→1.2.3', []],
    ['pre-release variant tags are ignored the same way',
      { tags: ['1.2.3', '1.3.0-rc.1'], variants: ['-slim'] }, 'semver', '1→1.2.3 1-slim→1.2.3-slim 1.2→1.2.3 1.2-slim→1.2.3-slim', []],
    ['latest off by default',
      { tags: ['3.12.9', '3.13.7'], variants: ['-slim'] }, 'semver', '3→3.13.7 3-slim→3.13.7-slim 3.12→3.12.9 3.12-slim→3.12.9-slim 3.13→3.13.7 3.13-slim→3.13.7-slim', []],
    ['latest on: base and every variant family',
      { tags: ['3.12.9', '3.13.7'], variants: ['-slim'], latest: true }, 'semver', '3→3.13.7 3-slim→3.13.7-slim 3.12→3.12.9 3.12-slim→3.12.9-slim 3.13→3.13.7 3.13-slim→3.13.7-slim latest→3.13.7 latest-slim→3.13.7-slim', []],
    ['a variant built for some versions only aliases among those',
      { tags: ['3.12.9', '3.13.7'], variants: ['-slim'], only: { '-slim': ['3.12.9'] }, latest: true }, 'semver', '3→3.13.7 3-slim→3.12.9-slim 3.12→3.12.9 3.12-slim→3.12.9-slim 3.13→3.13.7 latest→3.13.7 latest-slim→3.12.9-slim', []],
    ['latest with a tag named latest is an error',
      { tags: ['latest', '1.0.0'], latest: true }, 'semver', '1→1.0.0 1.0→1.0.0', ['automatic alias "latest" (latest: highest release → 1.0.0) has the same name as tag "latest"']],
    ['latest with no release tag is an error',
      { tags: ['stable', '1.0.0-rc.1'], latest: true }, 'semver', '(none)', ['latest: true, but no base tag of app is a release version (semver scheme)']],
    ['latest with no release tag, covered by an explicit latest',
      { tags: ['stable', 'edge'], latest: true, explicit: { latest: 'stable' } }, 'none', 'latest→stable', []],
    ['explicit alias overrides the automatic one',
      { tags: ['3.13.7', '3.13.8'], explicit: { '3.13': '3.13.7' } }, 'semver', '3→3.13.8 3.13→3.13.7', []],
    ['explicit alias to a non-version tag',
      { tags: ['3.13.7', 'edge'], explicit: { nightly: 'edge' } }, 'semver', '3→3.13.7 3.13→3.13.7 nightly→edge', []],
    ['explicit alias to a missing tag',
      { tags: ['3.13.7', '3.13.8'], explicit: { stable: '3.13.9' } }, 'semver', '3→3.13.8 3.13→3.13.8', ['alias "stable" points at "3.13.9", which is not a tag of app']],
    ['explicit alias to an alias',
      { tags: ['3.13.7', '3.13.8'], explicit: { stable: '3' } }, 'semver', '3→3.13.8 3.13→3.13.8', ['alias "stable" points at "3", which is not a tag of app']],
    ['explicit alias that is not a Docker tag',
      { tags: ['1.0.0'], explicit: { '-stable': '1.0.0', 'ok!': '1.0.0' } }, 'semver', '1→1.0.0 1.0→1.0.0', ['alias "-stable" is not a valid Docker tag', 'alias "ok!" is not a valid Docker tag']],
    ['explicit alias equal to a tag',
      { tags: ['1.0.0', '1.0.1'], explicit: { '1.0.0': '1.0.1' } }, 'semver', '1→1.0.1 1.0→1.0.1', ['alias "1.0.0" has the same name as tag "1.0.0" (images/app/image.yml:10)']],
    ['automatic alias that is not a Docker tag (suffix the config layer should have refused)',
      { tags: ['1.0.0'], variants: ['+x'] }, 'semver', '1→1.0.0 1.0→1.0.0', ['automatic alias "1+x" (highest 1.x among "+x" tags → 1.0.0+x) is not a valid Docker tag', 'automatic alias "1.0+x" (highest 1.0.x among "+x" tags → 1.0.0+x) is not a valid Docker tag']],
    ['two families producing one alias name',
      { tags: ['1.1.5'], variants: ['.1'] }, 'semver', '1→1.1.5 1.1→1.1.5 1.1.1→1.1.5.1', ['alias "1.1" would point both at "1.1.5" (images/app/image.yml:10) (highest 1.1.x) and at "1.1.5.1" (highest 1.x among ".1" tags)']],
    ['numeric ordering: 1.10 above 1.9',
      { tags: ['1.9', '1.10'] }, 'numeric', '1→1.10', []],
    ['numeric: a shorter version is lower than its extension',
      { tags: ['9.0.1', '9.0.1.1'] }, 'numeric', '9→9.0.1.1 9.0→9.0.1.1', ['automatic alias "9.0.1" (highest 9.0.1.x → 9.0.1.1) has the same name as tag "9.0.1"']],
    ['numeric: 09 and 9 are the same number',
      { tags: ['1.09', '1.9'] }, 'numeric', '1→1.9', ['two tags with the same version: "1.9" and "1.09"']],
    ['numeric: prefixes are matched as written',
      { tags: ['1.09.1', '1.9.2'] }, 'numeric', '1→1.9.2 1.09→1.09.1 1.9→1.9.2', []],
    ['calendar ordering: 2025.10 above 2025.09 and 2026.01 above both',
      { tags: ['2025.09.1', '2025.10.2', '2026.01.1'] }, 'calendar', '2025→2025.10.2 2025.09→2025.09.1 2025.10→2025.10.2 2026→2026.01.1 2026.01→2026.01.1', []],
    ['calendar: Ubuntu-style with point releases',
      { tags: ['22.04.5', '24.04.1', '24.04.2'] }, 'calendar', '22→22.04.5 22.04→22.04.5 24→24.04.2 24.04→24.04.2', []],
    ['mixed semver and two-component versions fall back to numeric',
      { tags: ['1.2.3', '1.3'] }, 'numeric', '1→1.3 1.2→1.2.3', []],
    ['mixed pre-release and two-component versions: no scheme fits, no aliases',
      { tags: ['1.2.3-rc.1', '9.0'] }, 'none', '(none)', []],
    ['version_scheme: none: no automatic aliases, explicit ones still apply',
      { tags: ['1.2.3', '1.2.4'], scheme: 'none', explicit: { stable: '1.2.3' } }, 'none', 'stable→1.2.3', []],
    ['version_scheme: none with latest: version sort',
      { tags: ['3.9-bookworm', '3.10-bookworm', 'bookworm'], scheme: 'none', latest: true }, 'none', 'latest→3.10-bookworm', []],
    ['version_scheme: semver reports version-looking tags it cannot read',
      { tags: ['1.2.3', '9.0', 'latest'], scheme: 'semver' }, 'semver', '1→1.2.3 1.2→1.2.3', ['tag "9.0" of app is not a semver version, so it gets no aliases']],
    ['version_scheme: numeric over semver-looking tags gives every prefix',
      { tags: ['1.2.3'], scheme: 'numeric' }, 'numeric', '1→1.2.3 1.2→1.2.3', []],
    ['version_scheme: calendar with a tag that is no date',
      { tags: ['2025.09', '1.2'], scheme: 'calendar' }, 'calendar', '2025→2025.09', ['tag "1.2" of app is not a calendar version']],
  ] as Array<[string, Case, VersionSchemeName, string, string[]]>)('%s', (_name, c, scheme, expected, problems) => {
    const result = resolve(c);
    expect(result.scheme).toBe(scheme);
    expect(show(result)).toBe(expected);
    expect(result.problems.map((p) => p.message)).toHaveLength(problems.length);
    problems.forEach((fragment, i) => expect(result.problems[i].message).toContain(fragment));
  });
});

describe('problems say where and what to do', () => {
  it('B11: names the tag, the alias target, and the ways out', () => {
    const [problem] = resolve({ tags: ['9.0', '9.0.1'] }).problems;
    expect(problem.location).toEqual({ file: FILE, line: 10 });
    expect(problem.field).toBe('tags[0].name');
    expect(problem.hint).toBe(
      `remove or rename tag "9.0", or set version_scheme: none (or another scheme) (${FILE}:2) to drop the automatic aliases`,
    );
  });

  it('a missing explicit target suggests the closest tags', () => {
    const [problem] = resolve({ tags: ['3.13.7', '3.12.1', 'edge'], explicit: { stable: '3.13.9' } }).problems;
    expect(problem.location).toEqual({ file: FILE, line: 50 });
    expect(problem.field).toBe('aliases.stable');
    expect(problem.hint).toBe('did you mean "3.13.7"? closest tags: 3.13.7, 3.12.1, edge');
  });

  it('an explicit target that is an alias points at the tag it stands for', () => {
    const [problem] = resolve({ tags: ['3.13.7', '3.13.8'], explicit: { stable: '3' } }).problems;
    expect(problem.hint).toBe('"3" is itself an alias (highest 3.x → 3.13.8); point at a tag such as "3.13.8"');
  });

  it('same version twice: located at one tag, naming the other', () => {
    const [problem] = resolve({ tags: ['1.2.3', 'v1.2.3'] }).problems;
    expect(problem.location).toEqual({ file: FILE, line: 11 });
    expect(problem.message).toBe(
      `two tags with the same version: "v1.2.3" and "1.2.3" (${FILE}:10) are the same semver version`,
    );
  });

  it('B9 look-alike: located at the base tag, naming a tag of the variant', () => {
    const [problem] = resolve({ tags: ['1.0.0', '1.0.1-x'], variants: ['-x'] }).problems;
    expect(problem.location).toEqual({ file: FILE, line: 11 });
    expect(problem.message).toContain(`such as "1.0.0-x" (${FILE}:30)`);
    expect(problem.hint).toBe('rename the tag so it does not end in "-x", or build it as that variant');
  });

  it('latest without a release points at the latest: line', () => {
    const [problem] = resolve({ tags: ['edge'], latest: true }).problems;
    expect(problem).toMatchObject({ location: { file: FILE, line: 3 }, field: 'latest' });
    expect(problem.hint).toBe('add an explicit alias "latest: <tag>" or set latest: false');
  });

  it('reports every problem of the image together, ordered by line', () => {
    const result = resolve({ tags: ['9.0', '9.0.1', 'v9.0.1'], explicit: { bad: 'nope', '9.0.1': '9.0' } });
    expect(result.problems.map((p) => [p.location?.line, p.message])).toEqual([
      [10, 'automatic alias "9.0" (highest 9.0.x → v9.0.1) has the same name as tag "9.0"'],
      [12, `two tags with the same version: "v9.0.1" and "9.0.1" (${FILE}:11) are the same numeric version`],
      [50, 'alias "bad" points at "nope", which is not a tag of app'],
      [51, `alias "9.0.1" has the same name as tag "9.0.1" (${FILE}:11)`],
    ]);
  });
});

describe('reasons', () => {
  it('say why each alias points where it does', () => {
    const result = resolve({
      tags: ['3.13.7', '3.13.8'],
      variants: ['-slim'],
      latest: true,
      explicit: { '3.13': '3.13.7', stable: '3.13.7' },
    });
    expect(result.aliases).toEqual([
      { alias: '3', target: '3.13.8', kind: 'automatic', reason: 'highest 3.x' },
      { alias: '3-slim', target: '3.13.8-slim', kind: 'automatic', reason: 'highest 3.x among "-slim" tags' },
      { alias: '3.13', target: '3.13.7', kind: 'explicit', reason: 'explicit (overrides highest 3.13.x → 3.13.8)' },
      { alias: '3.13-slim', target: '3.13.8-slim', kind: 'automatic', reason: 'highest 3.13.x among "-slim" tags' },
      { alias: 'latest', target: '3.13.8', kind: 'latest', reason: 'latest: highest release' },
      {
        alias: 'latest-slim',
        target: '3.13.8-slim',
        kind: 'latest',
        reason: 'latest: highest release among "-slim" tags',
      },
      { alias: 'stable', target: '3.13.7', kind: 'explicit', reason: 'explicit' },
    ]);
    expect(result.schemeReason).toBe('auto: every version tag is semver (MAJOR.MINOR.PATCH[-pre-release])');
    expect(resolve({ tags: ['1.2.3'], scheme: 'numeric' }).schemeReason).toBe('version_scheme: numeric');
  });
});

describe('images defined by several image.yml files', () => {
  const definitions = (): AliasInput => {
    const at = (file: string, line: number) => ({ file: `images/python/${file}/image.yml`, line });
    const tag = (name: string, family: string, file: string, line: number): AliasTagInput => ({
      tag: name + family,
      version: name,
      family,
      source: at(file, line),
    });
    return {
      image: 'python',
      scheme: 'auto',
      latest: true,
      tags: [
        tag('3.12.8', '', '3.12', 5),
        tag('3.12.9', '', '3.12', 6),
        tag('3.13.7', '', '3.13', 5),
        tag('3.12.8', '-slim', '3.12', 9),
        tag('3.12.9', '-slim', '3.12', 9),
      ],
      explicit: [
        { alias: 'stable', target: '3.12.9', source: at('3.12', 12) },
        { alias: 'stable', target: '3.12.9', source: at('3.13', 12) },
      ],
    };
  };

  it('highest version wins across definitions; a variant of one definition aliases among its own tags', () => {
    const result = resolveAliases(definitions());
    expect(show(result)).toBe(
      '3→3.13.7 3-slim→3.12.9-slim 3.12→3.12.9 3.12-slim→3.12.9-slim 3.13→3.13.7 latest→3.13.7 latest-slim→3.12.9-slim stable→3.12.9',
    );
    expect(result.problems).toEqual([]);
  });

  it('two definitions giving one alias different targets is an error naming both', () => {
    const input = definitions();
    input.explicit[1] = { ...input.explicit[1], target: '3.13.7' };
    const result = resolveAliases(input);
    expect(result.problems).toEqual([
      {
        message: 'alias "stable" points at "3.13.7" here and at "3.12.9" (images/python/3.12/image.yml:12)',
        location: { file: 'images/python/3.13/image.yml', line: 12 },
        field: 'aliases.stable',
        hint: 'keep one of the two entries',
      },
    ]);
    expect(result.aliases.find((a) => a.alias === 'stable')?.target).toBe('3.12.9');
  });
});

describe('determinism', () => {
  /** A small seeded generator, so a failure can be replayed. */
  function shuffled<T>(items: T[], seed: number): T[] {
    const copy = [...items];
    let state = seed;
    for (let i = copy.length - 1; i > 0; i--) {
      state = (state * 1103515245 + 12345) % 2147483648;
      const j = state % (i + 1);
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy;
  }

  it.each([
    {
      tags: ['3.12.9', '3.13.7', '3.13.6', '3.11.2', 'latest', '3.14.0-rc.1'],
      variants: ['-slim', '-alpine'],
      latest: true,
    },
    { tags: ['9.0', '9.0.1', 'v9.0.1', '10.1'], explicit: { nope: 'x', '9.0.1': '9.0', stable: '10.1' } },
    { tags: ['1.0.0', '1.0.1-x', 'v1.0.0'], variants: ['-x'], latest: true },
  ] as Case[])('shuffled input gives the same output: %j', (c) => {
    const input = inputFor(c);
    const expected = resolveAliases(input);
    for (let seed = 1; seed <= 20; seed++) {
      const result = resolveAliases({
        ...input,
        tags: shuffled(input.tags, seed),
        explicit: shuffled(input.explicit, seed),
      });
      expect(result).toEqual(expected);
    }
  });

  it('does not modify its input', () => {
    const input = inputFor({ tags: ['1.2.3', '1.2.4'], variants: ['-x'], explicit: { a: '1.2.3' } });
    const copy = JSON.parse(JSON.stringify(input));
    resolveAliases(input);
    expect(input).toEqual(copy);
  });
});
