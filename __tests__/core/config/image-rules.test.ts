import { parseImageDefinition } from '../../../src/core/config/load-image-definitions';
import { formatProblem } from '../../../src/core/shared/errors';

const FILE = 'images/app/1/image.yml';
const problemsOf = (text: string) => parseImageDefinition(text, FILE).problems.map(formatProblem);
const at = (line: number, column: number) => `${FILE}:${line}:${column}`;

describe('image.yml rules across fields', () => {
  it.each([
    [
      'unique tags, variants and suffixes',
      'tags:\n  - name: "1.0"\n  - name: "1.1"\nvariants:\n  - {name: slim, tag_suffix: -slim}\n  - {name: dev, tag_suffix: -dev}\n',
    ],
    [
      'a base tag that looks like a variant tag of another suffix',
      'tags:\n  - name: 1.0-x\nvariants:\n  - {name: slim, tag_suffix: -slim}\n',
    ],
    ['variants without tags', 'tags: []\nvariants:\n  - {name: slim, tag_suffix: -slim}\n'],
  ])('accepts %s', (_name, text) => {
    expect(problemsOf(text)).toEqual([]);
  });

  it.each([
    [
      'a tag declared twice',
      'tags:\n  - name: "1.2"\n  - name: "1.3"\n  - name: 1.2\n',
      [`${at(4, 5)}: tags[2].name: tag \`1.2\` is declared twice (lines 2 and 4) (remove one of them)`],
    ],
    [
      'a variant declared twice',
      'tags: []\nvariants:\n  - name: slim\n    tag_suffix: -slim\n  - name: slim\n    tag_suffix: -small\n',
      [
        `${at(5, 5)}: variants[1].name: variant \`slim\` is declared twice (lines 3 and 5) (give each variant its own name)`,
      ],
    ],
    [
      'two variants with one suffix',
      'tags: []\nvariants:\n  - name: slim\n    tag_suffix: -slim\n  - name: small\n    tag_suffix: -slim\n',
      [
        `${at(6, 5)}: variants[1].tag_suffix: tag_suffix \`-slim\` is used by two variants (lines 4 and 6) (give each variant its own tag_suffix)`,
      ],
    ],
    [
      'a variant tag equal to a base tag',
      'tags:\n  - name: 1.0.0\n  - name: 1.0.0-x\nvariants:\n  - name: x\n    tag_suffix: -x\n',
      [
        `${at(6, 5)}: variants[0].tag_suffix: variant tag \`1.0.0-x\` from tag \`1.0.0\` (line 2) has the same name as the tag at line 3 (change the tag_suffix or rename one of the tags)`,
      ],
    ],
    [
      'two variants producing the same tag from different base tags',
      'tags:\n  - name: "1"\n  - name: "1.2"\nvariants:\n  - name: a\n    tag_suffix: .2-x\n  - name: b\n    tag_suffix: -x\n',
      [
        `${at(8, 5)}: variants[1].tag_suffix: variant tag \`1.2-x\` from tag \`1.2\` (line 3) has the same name as the variant tag from tag \`1\` (line 2) of the variant at line 5 (change the tag_suffix or rename one of the tags)`,
      ],
    ],
    [
      'a variant tag longer than 128 characters',
      `tags:\n  - name: ${'a'.repeat(120)}\nvariants:\n  - name: long\n    tag_suffix: -123456789\n`,
      [
        `${at(5, 5)}: variants[0].tag_suffix: variant tag \`${'a'.repeat(59)}…\` from tag \`${'a'.repeat(59)}…\` (line 2) has 130 characters; a Docker tag has at most 128 (shorten the tag_suffix)`,
      ],
    ],
  ])('reports %s, naming both lines', (_name, text, expected) => {
    expect(problemsOf(text)).toEqual(expected);
  });

  it('does not repeat a schema problem as a rule problem', () => {
    const text = 'tags:\n  - name: 1+2\n  - name: 1+2\nvariants:\n  - {name: v, tag_suffix: ""}\n';
    expect(problemsOf(text)).toHaveLength(3);
  });
});
