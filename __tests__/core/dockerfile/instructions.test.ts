import { scanDockerfile, splitPhysicalLines } from '../../../src/core/dockerfile/instructions';

const summary = (text: string) =>
  scanDockerfile(text).instructions.map((i) => [i.keyword, i.startLine, i.endLine, i.lastLine, i.args]);

describe('splitPhysicalLines', () => {
  it.each([
    ['', []],
    ['a', [['a', '']]],
    ['a\n', [['a', '\n']]],
    [
      'a\r\nb',
      [
        ['a', '\r\n'],
        ['b', ''],
      ],
    ],
    ['a\rb\n', [['a\rb', '\n']]],
    [
      '\n\n',
      [
        ['', '\n'],
        ['', '\n'],
      ],
    ],
  ])('%j', (text, expected) => {
    expect(splitPhysicalLines(text).map((line) => [line.text, line.terminator])).toEqual(expected);
  });
});

describe('scanDockerfile', () => {
  it('finds instructions with their physical line ranges', () => {
    const text = [
      '# syntax=docker/dockerfile:1', // 1
      'ARG BASE=alpine', // 2
      '', // 3
      'FROM ${BASE} AS build', // 4
      'RUN apk add \\', // 5
      '    # a comment inside the continuation', // 6
      '    curl', // 7
      'RUN <<EOF', // 8
      'FROM text', // 9
      'EOF', // 10
      '  copy --chown=1:1 rootfs/ /', // 11
    ].join('\n');
    expect(summary(text)).toEqual([
      ['arg', 2, 2, 2, 'BASE=alpine'],
      ['from', 4, 4, 4, '${BASE} AS build'],
      ['run', 5, 7, 7, 'apk add     curl'],
      ['run', 8, 8, 10, '<<EOF'],
      ['copy', 11, 11, 11, '--chown=1:1 rootfs/ /'],
    ]);
  });

  it('reads the escape directive only before the first instruction', () => {
    expect(scanDockerfile('# escape=`\nFROM a').escapeChar).toBe('`');
    expect(scanDockerfile('#escape = `\nFROM a').escapeChar).toBe('`');
    expect(scanDockerfile('\n# escape=`\nFROM a').escapeChar).toBe('\\');
    expect(scanDockerfile('# hello\n# escape=`\nFROM a').escapeChar).toBe('\\');
    expect(scanDockerfile('FROM a\n# escape=`').escapeChar).toBe('\\');
  });

  it('treats an ONBUILD RUN heredoc as a heredoc', () => {
    expect(summary('FROM a\nONBUILD RUN <<EOF\nFROM x\nEOF\nUSER 1')).toEqual([
      ['from', 1, 1, 1, 'a'],
      ['onbuild', 2, 2, 4, 'RUN <<EOF'],
      ['user', 5, 5, 5, '1'],
    ]);
  });

  it('does not look for heredocs in the JSON form or other instructions', () => {
    expect(summary('RUN ["sh", "-c", "cat <<EOF"]\nFROM a\nLABEL x=<<EOF\nFROM b')).toEqual([
      ['run', 1, 1, 1, '["sh", "-c", "cat <<EOF"]'],
      ['from', 2, 2, 2, 'a'],
      ['label', 3, 3, 3, 'x=<<EOF'],
      ['from', 4, 4, 4, 'b'],
    ]);
  });

  it('runs an unterminated heredoc to the end of the file (BuildKit rejects the file; nothing after it counts)', () => {
    expect(summary('FROM a\nRUN <<EOF\nFROM b')).toEqual([
      ['from', 1, 1, 1, 'a'],
      ['run', 2, 2, 3, '<<EOF'],
    ]);
  });

  it('uses heredoc names with a file descriptor and escapes', () => {
    expect(summary('RUN 3<<EOF cat <&3\nFROM x\nEOF\nRUN <<E\\OF\nFROM y\nEOF\nUSER 1').map((i) => i[0])).toEqual([
      'run',
      'run',
      'user',
    ]);
  });
});
