import { parseImageDefinition } from '../../../src/core/config/load-image-definitions';
import { formatProblem } from '../../../src/core/shared/errors';

const FILE = 'images/app/1/image.yml';
const problemsOf = (text: string) => parseImageDefinition(text, FILE).problems.map(formatProblem);
const at = (line: number, column: number) => `${FILE}:${line}:${column}`;

describe('image.yml: valid files', () => {
  it('applies the defaults to a minimal file', () => {
    const { definition, problems } = parseImageDefinition('tags: []\n', FILE);
    expect(problems).toEqual([]);
    expect(definition).toMatchObject({ file: FILE, dir: 'images/app/1' });
    expect(definition?.config).toEqual({
      is_base_image: false,
      version_scheme: 'auto',
      latest: false,
      versions: {},
      variables: {},
      tags: [],
      variants: [],
      extends: [],
      aliases: {},
    });
  });

  it('reads every field, keeping versions and tag names as written', () => {
    const text = `# yaml-language-server: $schema=../../../schemas/image.schema.json
name: tools/python
description: Python with uv
licenses: MIT
is_base_image: true
template: Dockerfile.custom.mustache
test_template: test.custom.yml.mustache
version_scheme: calendar
latest: true
versions:
  python: 3.10
  uv: 0.8.22
variables:
  distro: bookworm
rootfs_user: 1000:1000
rootfs_copy: false
extends: base
aliases:
  stable: 2025.09
tags:
  - name: 2025.09
    versions: {python: 3.13.7, ubuntu: 24.04}
    rootfs_copy: true
  - name: 010
variants:
  - name: slim
    tag_suffix: -slim
    template: Dockerfile.slim.mustache
    test_template: test.slim.yml.mustache
    versions: {extra: 1.20}
    variables: {flavour: slim}
    rootfs_user: app
`;
    const { definition, problems } = parseImageDefinition(text, FILE);
    expect(problems).toEqual([]);
    expect(definition?.config).toEqual({
      name: 'tools/python',
      description: 'Python with uv',
      licenses: 'MIT',
      is_base_image: true,
      template: 'Dockerfile.custom.mustache',
      test_template: 'test.custom.yml.mustache',
      version_scheme: 'calendar',
      latest: true,
      versions: { python: '3.10', uv: '0.8.22' },
      variables: { distro: 'bookworm' },
      rootfs_user: '1000:1000',
      rootfs_copy: false,
      extends: ['base'],
      aliases: { stable: '2025.09' },
      tags: [
        { name: '2025.09', versions: { python: '3.13.7', ubuntu: '24.04' }, variables: {}, rootfs_copy: true },
        { name: '010', versions: {}, variables: {} },
      ],
      variants: [
        {
          name: 'slim',
          tag_suffix: '-slim',
          template: 'Dockerfile.slim.mustache',
          test_template: 'test.slim.yml.mustache',
          versions: { extra: '1.20' },
          variables: { flavour: 'slim' },
          rootfs_user: 'app',
        },
      ],
    });
    expect(definition?.locate(['tags', 1, 'name'])).toEqual({ file: FILE, line: 24, column: 5 });
    expect(definition?.locate(['variants', 0, 'tag_suffix'])).toEqual({ file: FILE, line: 27, column: 5 });
  });

  it.each([
    ['extends: base', ['base']],
    ['extends: [base, tools/node]', ['base', 'tools/node']],
    ['extends: []', []],
  ])('normalises %s to a list', (line, expected) => {
    expect(parseImageDefinition(`tags: []\n${line}\n`, FILE).definition?.config.extends).toEqual(expected);
  });

  it.each([
    ['name: my-image'],
    ['name: acme/tools/node_js'],
    ['name: a__b.c--d'],
    ['tags: [{name: _1.2.3-rc.1}]'],
    ['tags: [{name: "1.2.3"}]'],
    [`tags: [{name: ${'a'.repeat(128)}}]`],
    ['versions: {_private: "1", node-js: "24", A1: "x"}'],
    ['variants: [{name: slim, tag_suffix: .slim}]'],
    ['aliases: {"3": "3.13.7", latest-stable: "3.13.7"}'],
  ])('accepts %s', (line) => {
    const text = line.startsWith('tags:') ? `${line}\n` : `tags: [{name: "1"}]\n${line}\n`;
    expect(problemsOf(text)).toEqual([]);
  });
});

describe('image.yml: problems name file:line:column, the field and what to do', () => {
  it.each([
    [
      'an unknown key, with a suggestion',
      'tags: []\nvaraints: []\n',
      [`${at(2, 1)}: varaints: unknown key \`varaints\` (did you mean \`variants\`?)`],
    ],
    [
      'an unknown key on a tag, listing what is allowed',
      'tags:\n  - name: "1"\n    template: x\n',
      [
        `${at(3, 5)}: tags[0].template: unknown key \`template\` (allowed here: name, versions, variables, rootfs_user, rootfs_copy)`,
      ],
    ],
    [
      'missing tags, at the mapping',
      'name: app\n',
      [
        `${at(1, 1)}: tags: missing required field \`tags\` (add \`tags:\` (The base tags built from this directory, in order. May be empty (\`tags: []\`).))`,
      ],
    ],
    [
      'a tag without a name',
      'tags:\n  - versions: {}\n',
      [`${at(2, 5)}: tags[0].name: missing required field \`name\` (add \`name: 1.2.3\`)`],
    ],
    [
      'a variant without name and tag_suffix',
      'tags: []\nvariants:\n  - template: x\n',
      [
        `${at(3, 5)}: variants[0].name: missing required field \`name\` (add \`name: slim\`)`,
        `${at(3, 5)}: variants[0].tag_suffix: missing required field \`tag_suffix\` (add \`tag_suffix: -slim\`)`,
      ],
    ],
    [
      'a tag name left empty',
      'tags:\n  - name:\n',
      [`${at(2, 10)}: tags[0].name: must be text, not empty (write a value after the colon, or remove the key)`],
    ],
    ['an empty tag name', 'tags:\n  - name: ""\n', [`${at(2, 11)}: tags[0].name: a tag name must not be empty`]],
    [
      'a tag name with +',
      'tags:\n  - name: 1.2.3+build.5\n',
      [
        `${at(2, 11)}: tags[0].name: \`1.2.3+build.5\`: \`+\` is not allowed in a Docker tag (use \`1.2.3-build.5\`; a tag may contain letters, digits, \`_\`, \`.\` and \`-\`)`,
      ],
    ],
    [
      'a tag name starting with a dot',
      'tags:\n  - name: .hidden\n',
      [
        `${at(2, 11)}: tags[0].name: \`.hidden\`: a Docker tag must start with a letter, digit or \`_\` (use \`hidden\`)`,
      ],
    ],
    [
      'a tag name longer than 128 characters',
      `tags:\n  - name: ${'a'.repeat(129)}\n`,
      [`${at(2, 11)}: tags[0].name: \`${'a'.repeat(59)}…\` has 129 characters; a Docker tag has at most 128`],
    ],
    [
      'a tag name that is a boolean',
      'tags:\n  - name: true\n',
      [`${at(2, 11)}: tags[0].name: must be text, not \`true\` (quote it if you mean the text: 'true')`],
    ],
    [
      'an upper-case image name',
      'name: MyImage\ntags: []\n',
      [`${at(1, 7)}: name: \`MyImage\`: image names must be lowercase (use \`myimage\`)`],
    ],
    ['an empty image name', 'name: ""\ntags: []\n', [`${at(1, 7)}: name: an image name must not be empty`]],
    [
      'an empty template',
      'tags: []\ntemplate: ""\n',
      [`${at(2, 11)}: template: must not be empty (write a value or remove the key)`],
    ],
    [
      'an image name with a space',
      'name: my image\ntags: []\n',
      [
        `${at(1, 7)}: name: \`my image\`: \` \` is not allowed in an image name (use lowercase letters and digits, with \`.\`, \`_\` or \`-\` between them and \`/\` between path parts)`,
      ],
    ],
    [
      'an image name with a tag',
      'name: app:1\ntags: []\n',
      [
        `${at(1, 7)}: name: \`app:1\`: an image name has no tag or digest (write only the repository name; tags go under \`tags:\`)`,
      ],
    ],
    [
      'an image name with a doubled slash',
      'name: acme//app\ntags: []\n',
      [
        `${at(1, 7)}: name: \`acme//app\`: every \`/\`-separated part of an image name must start and end with a letter or digit (remove leading, trailing or doubled separators)`,
      ],
    ],
    [
      'yes for a boolean',
      'tags: []\nis_base_image: yes\n',
      [
        `${at(2, 16)}: is_base_image: must be \`true\` or \`false\`, not the text \`yes\` (YAML 1.2 reads \`yes\` as text: write \`true\`)`,
      ],
    ],
    [
      'a quoted boolean',
      'tags: []\nlatest: "false"\n',
      [
        `${at(2, 9)}: latest: must be \`true\` or \`false\`, not the text \`false\` (remove the quotes: write \`false\`)`,
      ],
    ],
    [
      'a number for a boolean',
      'tags: []\nrootfs_copy: 1\n',
      [`${at(2, 14)}: rootfs_copy: must be \`true\` or \`false\`, not the text \`1\` (write \`true\` or \`false\`)`],
    ],
    [
      'a boolean for a description',
      'tags: []\ndescription: false\n',
      [`${at(2, 14)}: description: must be text, not \`false\` (quote it if you mean the text: 'false')`],
    ],
    [
      'versions left empty',
      'tags: []\nversions:\n',
      [`${at(2, 10)}: versions: must be a mapping, not empty (write \`{}\` for an empty mapping, or remove the key)`],
    ],
    [
      'versions written as a list',
      'tags: []\nversions:\n  - python: "3"\n',
      [`${at(3, 3)}: versions: must be a mapping, not a list (write \`key: value\` lines, without \`- \`)`],
    ],
    [
      'a version name with a dot',
      'tags: []\nversions:\n  python.version: "3"\n',
      [
        `${at(3, 3)}: versions["python.version"]: \`python.version\`: \`.\` is not allowed in a version or variable name, because Mustache reads \`a.b\` as \`b\` inside \`a\` (use \`python_version\`)`,
      ],
    ],
    [
      'a variable name starting with a digit',
      'tags:\n  - name: "1"\n    variables: {1st: x}\n',
      [
        `${at(3, 17)}: tags[0].variables["1st"]: \`1st\`: a version or variable name must start with a letter or \`_\` (use \`_1st\`)`,
      ],
    ],
    [
      'a version without a value',
      'tags: []\nversions:\n  python:\n',
      [`${at(3, 10)}: versions.python: must be text, not empty (write a value after the colon, or remove the key)`],
    ],
    [
      'tags written as a mapping',
      'tags:\n  name: "1"\n',
      [`${at(2, 3)}: tags: must be a list, not a mapping (start each list item with \`- \`)`],
    ],
    ['tags left empty', 'tags:\n', [`${at(1, 6)}: tags: must be a list, not empty (write \`[]\` for an empty list)`]],
    [
      'an empty tag_suffix',
      'tags: []\nvariants:\n  - name: slim\n    tag_suffix: ""\n',
      [
        `${at(4, 17)}: variants[0].tag_suffix: an empty \`tag_suffix\` would give every variant tag the name of its base tag (use a suffix such as \`-slim\`)`,
      ],
    ],
    [
      'a tag_suffix with a slash',
      'tags: []\nvariants:\n  - name: slim\n    tag_suffix: /slim\n',
      [`${at(4, 17)}: variants[0].tag_suffix: \`/slim\`: \`/\` is not allowed in a Docker tag (use \`-slim\`)`],
    ],
    [
      'a variant name that leaves its directory',
      'tags: []\nvariants:\n  - name: ../x\n    tag_suffix: -x\n',
      [
        `${at(3, 11)}: variants[0].name: \`../x\`: a variant name names a directory and must start with a letter, digit or \`_\`, then use letters, digits, \`_\`, \`.\` and \`-\` (use \`x\`)`,
      ],
    ],
    [
      'an upper-case image name in extends',
      'tags: []\nextends: [base, Tools]\n',
      [`${at(2, 17)}: extends[1]: \`Tools\`: image names must be lowercase (use \`tools\`)`],
    ],
    [
      'extends as a mapping',
      'tags: []\nextends: {a: b}\n',
      [`${at(2, 10)}: extends: must be text or a list, not a mapping (start each list item with \`- \`)`],
    ],
    [
      'an alias name that is not a Docker tag',
      'tags: []\naliases:\n  1+x: "1"\n',
      [
        `${at(3, 3)}: aliases["1+x"]: \`1+x\`: \`+\` is not allowed in a Docker tag (use \`1-x\`; a tag may contain letters, digits, \`_\`, \`.\` and \`-\`)`,
      ],
    ],
    [
      'an alias target that is not a Docker tag',
      'tags: []\naliases:\n  stable: 1 2\n',
      [
        `${at(3, 11)}: aliases.stable: \`1 2\`: \` \` is not allowed in a Docker tag (use \`1-2\`; a tag may contain letters, digits, \`_\`, \`.\` and \`-\`)`,
      ],
    ],
    [
      'a misspelt version scheme',
      'tags: []\nversion_scheme: sermver\n',
      [
        `${at(2, 17)}: version_scheme: must be one of \`auto\`, \`semver\`, \`numeric\`, \`calendar\`, \`none\`, not \`sermver\` (did you mean \`semver\`?)`,
      ],
    ],
    ['an empty file', '# nothing yet\n', [`${at(1, 1)}: the file is empty (add at least \`tags:\`)`]],
    [
      'a list instead of a mapping',
      '- name: "1"\n',
      [`${at(1, 1)}: must be a mapping, not a list (write \`key: value\` lines, without \`- \`)`],
    ],
  ])('%s', (_name, text, expected) => {
    expect(problemsOf(text)).toEqual(expected);
  });

  it('reports every problem of a file together, in file order after sorting', () => {
    const text = 'name: App\nvaraints: []\ntags:\n  - name: 1+1\n  - {}\nlatest: yes\n';
    expect(problemsOf(text)).toHaveLength(5);
  });

  it('reports a duplicate key and the other problems of the same file', () => {
    const text = 'tags: []\nname: Bad\ntags: []\n';
    expect(problemsOf(text)).toEqual([
      `${at(3, 1)}: tags: duplicate key \`tags\` (lines 1 and 3) (keep one of them; YAML would silently use the last)`,
      `${at(2, 7)}: name: \`Bad\`: image names must be lowercase (use \`bad\`)`,
    ]);
  });
});
