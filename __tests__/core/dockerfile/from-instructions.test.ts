import { parseFromInstructions, rewriteFromReferences } from '../../../src/core/dockerfile/from-instructions';

const refs = (text: string) => parseFromInstructions(text).map((f) => [f.line, f.ref, f.stage ?? null, f.notAnImage]);

describe('parseFromInstructions', () => {
  it.each<[string, string, Array<[number, string, string | null, boolean]>]>([
    ['plain', 'FROM debian:12\nRUN true\n', [[1, 'debian:12', null, false]]],
    ['lower case and indent', '  from debian:12\n', [[1, 'debian:12', null, false]]],
    ['platform flag', 'FROM --platform=$BUILDPLATFORM golang:1.22 AS build\n', [[1, 'golang:1.22', 'build', false]]],
    [
      'multi-stage with a stage reference',
      'FROM golang:1.22 AS build\nRUN go build\nFROM build AS test\nFROM scratch\nCOPY --from=build /x /x\n',
      [
        [1, 'golang:1.22', 'build', false],
        [3, 'build', 'test', true],
        [4, 'scratch', null, true],
      ],
    ],
    ['ARG before FROM', 'ARG V=12\nFROM debian:${V}\n', [[2, 'debian:${V}', null, true]]],
    ['comment is not an instruction', '# FROM evil:1\nFROM good:1\n', [[2, 'good:1', null, false]]],
    ['FROM inside a RUN continuation is not one', 'FROM a:1\nRUN echo \\\nFROM b:2\n', [[1, 'a:1', null, false]]],
    ['continued FROM', 'FROM \\\n  a:1 AS x\n', [[1, 'a:1', 'x', false]]],
    [
      'registry with port and digest',
      'FROM 127.0.0.1:5050/base:1@sha256:abc\n',
      [[1, '127.0.0.1:5050/base:1@sha256:abc', null, false]],
    ],
    ['no FROM', 'RUN true\n', []],
  ])('%s', (_name, text, expected) => {
    expect(refs(text)).toEqual(expected);
  });
});

describe('rewriteFromReferences', () => {
  it('replaces only the reference, keeping flags, stage names and other lines byte for byte', () => {
    const text = 'ARG X=1\r\nFROM --platform=linux/amd64 base AS b\r\nFROM lua:5.1\r\nRUN echo base\r\n';
    const froms = parseFromInstructions(text);
    const out = rewriteFromReferences(text, [
      { from: froms[0], ref: 'r/base:1' },
      { from: froms[1], ref: 'r/lua:5.1.5' },
    ]);
    expect(out).toBe('ARG X=1\r\nFROM --platform=linux/amd64 r/base:1 AS b\r\nFROM r/lua:5.1.5\r\nRUN echo base\r\n');
  });
  it('refuses to rewrite a reference that is not on the FROM line', () => {
    const text = 'FROM \\\n  a:1\n';
    const [from] = parseFromInstructions(text);
    expect(() => rewriteFromReferences(text, [{ from, ref: 'x' }])).toThrow(/put the image reference on the FROM line/);
  });
});

describe('parseFromInstructions with heredocs and escape directives', () => {
  it.each<[string, string, Array<[number, string, string | null, boolean]>]>([
    [
      'FROM inside a heredoc is text',
      'FROM a:1\nRUN <<EOF\nFROM evil:1\nEOF\nFROM b:2\n',
      [
        [1, 'a:1', null, false],
        [5, 'b:2', null, false],
      ],
    ],
    ['backtick escape directive', '# escape=`\nFROM a:1 `\n  AS x\nRUN echo `\nFROM c:1\n', [[2, 'a:1', 'x', false]]],
  ])('%s', (_name, text, expected) => {
    expect(refs(text)).toEqual(expected);
  });
});
