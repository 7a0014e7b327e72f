import { copiesRootfs, isRootfsSource, parseCopyArguments } from '../../../src/core/rootfs/rootfs-copy-detection';
import { splitShellWords, unquoteShellWord } from '../../../src/core/dockerfile/shell-words';

describe('isRootfsSource', () => {
  it.each(['rootfs', 'rootfs/', './rootfs', './rootfs/', 'rootfs/.', '/rootfs/', './/rootfs//', 'x/../rootfs'])(
    '%s is the rootfs',
    (source) => expect(isRootfsSource(source)).toBe(true),
  );
  it.each(['rootfs/etc', 'rootfs-extra/', 'Rootfs/', 'opt/rootfs/', '../rootfs', 'rootfs*', '.'])(
    '%s is not',
    (source) => expect(isRootfsSource(source)).toBe(false),
  );
});

describe('parseCopyArguments', () => {
  it.each([
    ['rootfs/ /', { sources: ['rootfs/'], destination: '/' }],
    ['--chown=1:1 --chmod=644 a b /dst/', { sources: ['a', 'b'], destination: '/dst/' }],
    ['--from=build /out /app', { from: 'build', sources: ['/out'], destination: '/app' }],
    ['--from build /out /app', { from: 'build', sources: ['/out'], destination: '/app' }],
    ['--link rootfs/ /', { sources: ['rootfs/'], destination: '/' }],
    ['["a b", "/c d/"]', { sources: ['a b'], destination: '/c d/' }],
    ['--chown=0:0 ["rootfs/", "/"]', { sources: ['rootfs/'], destination: '/' }],
    ['\'my file\' "/x y"', { sources: ['my file'], destination: '/x y' }],
    ['only-one', { sources: [] }],
    ['', { sources: [] }],
  ])('%s', (args, expected) => {
    expect(parseCopyArguments(args)).toEqual({ from: undefined, destination: undefined, ...expected });
  });
});

describe('copiesRootfs', () => {
  it.each([
    ['copy', 'rootfs/ /', true],
    ['add', '--chown=1:1 ./rootfs /', true],
    ['copy', '--from=ctx rootfs/ /', false],
    ['run', 'cp -r rootfs/ /', false],
    ['onbuild', 'COPY rootfs/ /', false],
  ])('%s %s → %s', (keyword, args, expected) => {
    expect(copiesRootfs(keyword, args)).toBe(expected);
  });
});

describe('shell words', () => {
  it.each([
    ['a  b\tc', ['a', 'b', 'c']],
    ['"a b" c', ['"a b"', 'c']],
    ["'a \"b' c", ["'a \"b'", 'c']],
    ['a\\ b c', ['a\\ b', 'c']],
    ['"a \\" b" c', ['"a \\" b"', 'c']],
    ['  ', []],
  ])('splits %j keeping quotes', (text, words) => {
    expect(splitShellWords(text)).toEqual(words);
  });

  it.each([
    ['"EOF"', 'EOF'],
    ["'EOF'", 'EOF'],
    ['E"O"F', 'EOF'],
    ['E\\OF', 'EOF'],
    ['"a\\"b"', 'a"b'],
    ["'a\\b'", 'a\\b'],
    ['"open', undefined],
  ])('unquotes %s', (raw, expected) => {
    expect(unquoteShellWord(raw)).toBe(expected);
  });
});
