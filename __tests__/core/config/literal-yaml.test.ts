import { formatProblem } from '../../../src/core/shared/errors';
import { parseYamlSource } from '../../../src/core/config/literal-yaml';

const FILE = 'images/app/image.yml';

describe('parseYamlSource: scalars keep the text the user wrote', () => {
  it.each([
    ['3.10', '3.10'],
    ['2025.09', '2025.09'],
    ['24.04', '24.04'],
    ['1.20', '1.20'],
    ['010', '010'],
    ['3', '3'],
    ['1e3', '1e3'],
    ['0x1F', '0x1F'],
    ['0o17', '0o17'],
    ['.inf', '.inf'],
    ['-1.50', '-1.50'],
    ['2025-09-01', '2025-09-01'],
    ['3.13.7', '3.13.7'],
    ['yes', 'yes'],
    ['on', 'on'],
    ['"3.10"', '3.10'],
  ])('v: %s → the string %j', (written, expected) => {
    const source = parseYamlSource(`v: ${written}\n`, FILE);
    expect(source.problems).toEqual([]);
    expect(source.data).toEqual({ v: expected });
  });

  it.each([
    ['true', true],
    ['false', false],
    ['True', true],
    ['FALSE', false],
    ['~', null],
    ['null', null],
    ['', null],
  ])('v: %j still resolves to %j', (written, expected) => {
    expect(parseYamlSource(`v: ${written}\n`, FILE).data).toEqual({ v: expected });
  });

  it('keeps literal text for mapping keys too', () => {
    expect(parseYamlSource('3.10: a\n010: b\n', FILE).data).toEqual({ '3.10': 'a', '010': 'b' });
  });

  it('reads an empty document as null', () => {
    const source = parseYamlSource('# only a comment\n', FILE);
    expect(source).toMatchObject({ parsed: true, data: null, problems: [] });
  });
});

describe('parseYamlSource: problems', () => {
  it.each([
    [
      'duplicate keys, with both lines',
      'tags: []\nname: a\ntags: [x]\n',
      [
        `${FILE}:3:1: tags: duplicate key \`tags\` (lines 1 and 3) (keep one of them; YAML would silently use the last)`,
      ],
    ],
    [
      'duplicate keys in a nested mapping',
      'tags:\n  - name: a\n    versions: {x: "1", x: "2"}\n',
      [
        `${FILE}:3:24: tags[0].versions.x: duplicate key \`x\` (twice on line 3, columns 16 and 24) (keep one of them; YAML would silently use the last)`,
      ],
    ],
    [
      'a misaligned list item, at its line and column',
      'tags:\n  - name: a\n   - name: b\n',
      [`${FILE}:3:4: invalid YAML: All sequence items must start at the same column`],
    ],
    [
      'a nested compact mapping',
      'name: a: b\n',
      [`${FILE}:1:7: invalid YAML: Nested mappings are not allowed in compact mappings`],
    ],
    [
      'tabs used for indentation',
      'tags:\n\t- name: a\n',
      [`${FILE}:2:1: invalid YAML: Tabs are not allowed as indentation (indent with spaces)`],
    ],
    [
      'two documents in one file',
      'tags: []\n---\ntags: []\n',
      [
        `${FILE}:2:1: invalid YAML: Source contains multiple documents; please use YAML.parseAllDocuments() (keep one document per file: remove the \`---\` separator)`,
      ],
    ],
    [
      'an alias inside the node it names',
      'a: &x [1, *x]\n',
      [
        `${FILE}:1:11: a[1]: alias *x refers to a node that contains it (an alias may only repeat a node defined before and outside it)`,
      ],
    ],
    ['a list as a key', '? [a, b]\n: 1\n', [`${FILE}:1:3: a key must be plain text, not a list or mapping`]],
  ])('%s', (_name, text, expected) => {
    expect(parseYamlSource(text, FILE).problems.map(formatProblem)).toEqual(expected);
  });

  it('does not quote the source line of a syntax error (it may hold a credential)', () => {
    const source = parseYamlSource('password: "s3cr3t-value\n', '.image-manager.yml');
    expect(source.problems).toHaveLength(1);
    expect(formatProblem(source.problems[0])).not.toContain('s3cr3t');
  });

  it('still returns the data of a file with duplicate keys, so its other problems are found too', () => {
    const source = parseYamlSource('a: 1\na: 2\n', FILE);
    expect(source).toMatchObject({ parsed: true, data: { a: '2' } });
    expect(source.problems).toHaveLength(1);
  });
});

describe('locate', () => {
  const text = [
    'name: app', // 1
    'defaults: &defaults', // 2
    '  python: "3.13"', // 3
    'tags:', // 4
    '  - name: "1.0"', // 5
    '    versions:', // 6
    '      <<: *defaults', // 7
    '      node: "24"', // 8
    '  - name: "2.0"', // 9
    '    versions: *defaults', // 10
  ].join('\n');
  const source = parseYamlSource(text, FILE);

  it.each([
    [[], 1, 1],
    [['name'], 1, 1],
    [['tags'], 4, 1],
    [['tags', 0], 5, 5],
    [['tags', 1, 'name'], 9, 5],
    [['tags', 0, 'versions', 'node'], 8, 7],
    [['tags', 0, 'versions', 'python'], 3, 3], // through the `<<` merge, where it is written
    [['tags', 1, 'versions', 'python'], 3, 3], // through an alias
    [['tags', 7, 'name'], 4, 1], // no such tag: the nearest written ancestor
    [['tags', 0, 'variables', 'x'], 5, 5],
    [['nothing', 'here'], 1, 1],
  ])('%j → line %i, column %i', (path, line, column) => {
    expect(source.locate(path)).toEqual({ file: FILE, line, column });
  });

  it('locateValue points at a block value on the line after its key', () => {
    expect(source.locate(['tags', 0, 'versions'])).toEqual({ file: FILE, line: 6, column: 5 });
    expect(source.locateValue(['tags', 0, 'versions'])).toEqual({ file: FILE, line: 7, column: 7 });
  });
});
