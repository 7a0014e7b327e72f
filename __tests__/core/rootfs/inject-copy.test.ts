import { injectRootfsCopy } from '../../../src/core/rootfs/inject-copy';
import { InvalidRootfsUserError } from '../../../src/core/rootfs/rootfs-user';

const COPY = 'COPY --chown=0:0 rootfs/ /';

/** Lines joined with \n; the expected output is written the same way so whitespace differences stay visible. */
const lines = (...parts: string[]): string => parts.join('\n');

describe('injectRootfsCopy: where the COPY goes', () => {
  it.each([
    ['single stage', lines('FROM base:2025.09', 'USER 0'), lines('FROM base:2025.09', COPY, 'USER 0')],
    ['file without a trailing newline', 'FROM base:1', lines('FROM base:1', COPY)],
    ['file with a trailing newline', 'FROM base:1\n', `FROM base:1\n${COPY}\n`],
    [
      'ARG before FROM',
      lines('ARG VERSION=1', 'FROM base:${VERSION}', 'RUN true'),
      lines('ARG VERSION=1', 'FROM base:${VERSION}', COPY, 'RUN true'),
    ],
    [
      'multi-stage: after the LAST FROM (final stage), not in the builder',
      lines('FROM golang:1 AS builder', 'RUN go build', 'FROM alpine:3', 'COPY --from=builder /out /app'),
      lines('FROM golang:1 AS builder', 'RUN go build', 'FROM alpine:3', COPY, 'COPY --from=builder /out /app'),
    ],
    [
      'lower-case keyword with leading whitespace',
      lines('  from base:1 as final', 'run true'),
      lines('  from base:1 as final', COPY, 'run true'),
    ],
    [
      'FROM continued over several lines: after its last line',
      lines('FROM \\', '  --platform=$BUILDPLATFORM \\', '  base:1', 'RUN true'),
      lines('FROM \\', '  --platform=$BUILDPLATFORM \\', '  base:1', COPY, 'RUN true'),
    ],
    [
      'comment lines inside a continued FROM belong to it',
      lines('FROM \\', '# the base', '  base:1', 'RUN true'),
      lines('FROM \\', '# the base', '  base:1', COPY, 'RUN true'),
    ],
    [
      'a comment mentioning COPY rootfs/ does not suppress injection (PoC B14)',
      lines('FROM base:1', '# COPY rootfs/ / is added by image-manager'),
      lines('FROM base:1', COPY, '# COPY rootfs/ / is added by image-manager'),
    ],
    [
      'COPY --from=builder /opt/rootfs/ is not a rootfs copy (PoC B14)',
      lines('FROM base:1 AS b', 'FROM base:1', 'COPY --from=b /opt/rootfs/ /x'),
      lines('FROM base:1 AS b', 'FROM base:1', COPY, 'COPY --from=b /opt/rootfs/ /x'),
    ],
    [
      'COPY --from stage rootfs/ (space-separated flag value) copies from a stage, not the context',
      lines('FROM base:1 AS b', 'FROM base:1', 'COPY --from b rootfs/ /'),
      lines('FROM base:1 AS b', 'FROM base:1', COPY, 'COPY --from b rootfs/ /'),
    ],
    [
      'a directory merely named like rootfs is not the rootfs',
      lines('FROM base:1', 'COPY rootfs-extra/ /opt/'),
      lines('FROM base:1', COPY, 'COPY rootfs-extra/ /opt/'),
    ],
    [
      'copying a single file out of rootfs/ is not copying the rootfs',
      lines('FROM base:1', 'COPY rootfs/etc/motd /etc/motd'),
      lines('FROM base:1', COPY, 'COPY rootfs/etc/motd /etc/motd'),
    ],
  ])('%s', (_name, input, expected) => {
    const result = injectRootfsCopy(input, '0:0');
    expect(result.dockerfile).toBe(expected);
    expect(result.injected).toBe(true);
  });

  it('uses the rootfs user', () => {
    expect(injectRootfsCopy('FROM base:1\n', 'node:node').dockerfile).toBe(
      'FROM base:1\nCOPY --chown=node:node rootfs/ /\n',
    );
  });

  it('says where and into which stage it injected', () => {
    expect(injectRootfsCopy('FROM a\n', '0:0').reason).toBe(
      `added "${COPY}" after the FROM on line 1 (the only stage)`,
    );
    expect(injectRootfsCopy('FROM a AS b\nRUN x\nFROM b AS final\n', '0:0').reason).toBe(
      `added "${COPY}" after the FROM on line 3 (the final stage "final" of 2)`,
    );
  });
});

describe('injectRootfsCopy: skipped when the Dockerfile already copies the rootfs', () => {
  it.each([
    ['COPY rootfs/ /', lines('FROM base:1', 'COPY rootfs/ /'), 2],
    ['COPY --chown=… rootfs/', lines('FROM base:1', 'COPY --chown=1000:1000 rootfs/ /'), 2],
    ['COPY rootfs (no slash)', lines('FROM base:1', 'COPY rootfs /'), 2],
    ['COPY ./rootfs/', lines('FROM base:1', 'COPY ./rootfs/ /'), 2],
    ['ADD rootfs', lines('FROM base:1', 'ADD rootfs/ /'), 2],
    ['lower-case copy with --link and --chmod', lines('FROM base:1', 'copy --link --chmod=755 rootfs/ /'), 2],
    ['JSON form', lines('FROM base:1', 'COPY ["rootfs/", "/"]'), 2],
    ['one of several sources', lines('FROM base:1', 'COPY extra/ rootfs/ /'), 2],
    ['quoted source', lines('FROM base:1', 'COPY "rootfs/" /'), 2],
    ['continued COPY', lines('FROM base:1', 'COPY --chown=0:0 \\', '    rootfs/ \\', '    /'), 2],
    [
      'in the builder stage (any stage counts: the author placed it)',
      lines('FROM base:1 AS build', 'COPY rootfs/ /src/', 'FROM base:1', 'COPY --from=build /src/ /'),
      2,
    ],
  ])('%s', (_name, input, line) => {
    const result = injectRootfsCopy(input, '0:0');
    expect(result).toEqual({
      dockerfile: input,
      injected: false,
      reason: expect.stringContaining(`line ${line} already copies the rootfs`),
    });
  });

  it('says so when there is no FROM at all', () => {
    for (const input of ['', '# only a comment\n', 'ARG X=1\nRUN echo FROM\n']) {
      expect(injectRootfsCopy(input, '0:0')).toEqual({
        dockerfile: input,
        injected: false,
        reason: 'the Dockerfile has no FROM instruction, so there is no stage to copy the rootfs into',
      });
    }
  });
});

describe('injectRootfsCopy: continuations, heredocs and parser directives', () => {
  it.each([
    [
      'a FROM inside a RUN heredoc is text',
      lines('FROM base:1', 'RUN <<EOF', 'FROM evil', 'EOF', 'USER 1'),
      lines('FROM base:1', COPY, 'RUN <<EOF', 'FROM evil', 'EOF', 'USER 1'),
    ],
    [
      'COPY rootfs/ inside a heredoc does not count',
      lines('FROM base:1', 'RUN cat <<EOF > /notes', 'COPY rootfs/ /', 'EOF'),
      lines('FROM base:1', COPY, 'RUN cat <<EOF > /notes', 'COPY rootfs/ /', 'EOF'),
    ],
    [
      '<<-EOF ends at a tab-indented terminator',
      lines('FROM base:1', 'RUN <<-EOF', '\techo', '\tEOF', 'FROM final'),
      lines('FROM base:1', 'RUN <<-EOF', '\techo', '\tEOF', 'FROM final', COPY),
    ],
    [
      'a tab-indented terminator does not end <<EOF',
      lines('FROM base:1', 'RUN <<EOF', '\tEOF', 'FROM inside', 'EOF'),
      lines('FROM base:1', COPY, 'RUN <<EOF', '\tEOF', 'FROM inside', 'EOF'),
    ],
    [
      'quoted terminator',
      lines('FROM base:1', 'RUN <<"END"', 'FROM inside', 'END'),
      lines('FROM base:1', COPY, 'RUN <<"END"', 'FROM inside', 'END'),
    ],
    [
      'two heredocs on one line are both skipped',
      lines('FROM base:1', 'RUN <<A <<B', 'FROM a', 'A', 'FROM b', 'B', 'USER 1'),
      lines('FROM base:1', COPY, 'RUN <<A <<B', 'FROM a', 'A', 'FROM b', 'B', 'USER 1'),
    ],
    [
      'COPY heredoc',
      lines('FROM base:1', 'COPY <<EOF /etc/motd', 'FROM inside', 'EOF'),
      lines('FROM base:1', COPY, 'COPY <<EOF /etc/motd', 'FROM inside', 'EOF'),
    ],
    [
      'a quoted "<<EOF" is not a heredoc',
      lines('FROM a', 'RUN echo "<<EOF"', 'FROM b'),
      lines('FROM a', 'RUN echo "<<EOF"', 'FROM b', COPY),
    ],
    [
      'a here-string (<<<) is not a heredoc',
      lines('FROM a', 'RUN cat <<<word', 'FROM b'),
      lines('FROM a', 'RUN cat <<<word', 'FROM b', COPY),
    ],
    [
      'a FROM on a continuation line of RUN is text',
      lines('FROM base:1', 'RUN echo \\', 'FROM not-an-instruction'),
      lines('FROM base:1', COPY, 'RUN echo \\', 'FROM not-an-instruction'),
    ],
    [
      'comment and blank lines inside a continuation do not end it',
      lines('FROM base:1', 'RUN a \\', '# comment', '', '  FROM still-run'),
      lines('FROM base:1', COPY, 'RUN a \\', '# comment', '', '  FROM still-run'),
    ],
    [
      'a backslash followed by spaces still continues',
      lines('FROM base:1', 'RUN echo a \\  ', 'FROM x'),
      lines('FROM base:1', COPY, 'RUN echo a \\  ', 'FROM x'),
    ],
    [
      'a doubled backslash at the end does not continue (BuildKit rule)',
      lines('FROM base:1', 'RUN echo C:\\\\', 'FROM x'),
      lines('FROM base:1', 'RUN echo C:\\\\', 'FROM x', COPY),
    ],
    [
      '# escape=` makes the backtick the continuation character',
      lines('# escape=`', 'FROM base:1', 'RUN echo `', 'FROM not-an-instruction'),
      lines('# escape=`', 'FROM base:1', COPY, 'RUN echo `', 'FROM not-an-instruction'),
    ],
    [
      'with # escape=` a trailing backslash is not a continuation',
      lines('# escape=`', 'FROM base:1', 'RUN dir C:\\', 'FROM final'),
      lines('# escape=`', 'FROM base:1', 'RUN dir C:\\', 'FROM final', COPY),
    ],
    [
      'without the directive a trailing backtick is not a continuation',
      lines('FROM base:1', 'RUN echo `', 'FROM final'),
      lines('FROM base:1', 'RUN echo `', 'FROM final', COPY),
    ],
    [
      '# escape= after an instruction is only a comment',
      lines('FROM base:1', '# escape=`', 'RUN echo `', 'FROM final'),
      lines('FROM base:1', '# escape=`', 'RUN echo `', 'FROM final', COPY),
    ],
    [
      '# escape= after # syntax= still counts',
      lines('# syntax=docker/dockerfile:1', '# escape=`', 'FROM a', 'RUN x `', 'FROM b'),
      lines('# syntax=docker/dockerfile:1', '# escape=`', 'FROM a', COPY, 'RUN x `', 'FROM b'),
    ],
    ['a byte-order mark is kept', '\uFEFFFROM base:1\nRUN true\n', `\uFEFFFROM base:1\n${COPY}\nRUN true\n`],
  ])('%s', (_name, input, expected) => {
    expect(injectRootfsCopy(input, '0:0').dockerfile).toBe(expected);
  });
});

describe('injectRootfsCopy: line endings', () => {
  it.each([
    ['CRLF file', 'FROM a\r\nRUN x\r\n', `FROM a\r\n${COPY}\r\nRUN x\r\n`],
    ['CRLF file without a final newline', 'ARG X\r\nFROM a', `ARG X\r\nFROM a\r\n${COPY}`],
    ['CRLF continuation', 'FROM a\r\nRUN x \\\r\nFROM b\r\n', `FROM a\r\n${COPY}\r\nRUN x \\\r\nFROM b\r\n`],
    ['CRLF heredoc', 'FROM a\r\nRUN <<EOF\r\nFROM b\r\nEOF\r\n', `FROM a\r\n${COPY}\r\nRUN <<EOF\r\nFROM b\r\nEOF\r\n`],
    ['mixed: the FROM line decides', 'RUN x\nFROM a\r\nRUN y\n', `RUN x\nFROM a\r\n${COPY}\r\nRUN y\n`],
  ])('%s keeps its line endings byte for byte', (_name, input, expected) => {
    expect(injectRootfsCopy(input, '0:0').dockerfile).toBe(expected);
  });
});

describe('injectRootfsCopy: rootfs user', () => {
  it.each(['0:0', 'root', '1000', '1000:1000', 'node:node', 'www-data:www-data', 'app.user:app_group'])(
    'accepts %s',
    (user) => {
      expect(injectRootfsCopy('FROM a\n', user).dockerfile).toBe(`FROM a\nCOPY --chown=${user} rootfs/ /\n`);
    },
  );

  it.each(['', 'a b', '0:0 rootfs/ /\nRUN rm -rf /', '$(id)', 'user:', ':group', '1:2:3', 'us"er', 'ユーザー'])(
    'rejects %j, even when nothing would be injected',
    (user) => {
      expect(() => injectRootfsCopy('FROM a\n', user)).toThrow(InvalidRootfsUserError);
      expect(() => injectRootfsCopy('', user)).toThrow(/rootfs_user .* is not valid: write "user", "user:group"/);
    },
  );
});
