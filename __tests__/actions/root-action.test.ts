import * as path from 'node:path';
import { splitArguments } from '../../src/actions/run/inputs';
import { runAction } from '../support/github-runner';
import { copyExampleCatalog, REPO_ROOT } from '../support/project-fixture';

describe('the root action (any command, node24)', () => {
  it('runs a command and exposes its output', () => {
    const run = runAction(REPO_ROOT, { command: 'list', args: '--json' }, { workspace: copyExampleCatalog() });
    expect(run.code).toBe(0);
    expect(run.outputs['exit-code']).toBe('0');
    expect(JSON.parse(run.outputs.stdout).order).toEqual(['base', 'image-manager', 'lua', 'luacheck']);
  });

  it('fails the step with the exit code of a failing command', () => {
    const run = runAction(
      REPO_ROOT,
      { command: 'generate', args: '--snapshot-id "bad id"' },
      { workspace: copyExampleCatalog() },
    );
    expect(run.code).toBe(1);
    expect(run.outputs['exit-code']).toBe('2');
    expect(run.log).toMatch(/::error::image-manager generate exited with code 2/);
  });

  it('declares node24 and its bundle', () => {
    const { readAction } = jest.requireActual('../support/github-runner');
    expect(readAction(REPO_ROOT).runs).toEqual({ using: 'node24', main: 'dist/run/index.js' });
    expect(path.join(REPO_ROOT, 'dist/run/index.js')).toBeTruthy();
  });
});

describe('splitArguments (shell-like, never through a shell)', () => {
  it.each<[string, string[]]>([
    ['', []],
    ['a b  c', ['a', 'b', 'c']],
    ['--snapshot-id "pr 1"', ['--snapshot-id', 'pr 1']],
    ["'$(rm -rf /)' `x`", ['$(rm -rf /)', '`x`']],
    ['a\\ b "c\\"d"', ['a b', 'c"d']],
    ['""', ['']],
  ])('%j', (text, expected) => {
    expect(splitArguments(text)).toEqual(expected);
  });
  it('rejects an unclosed quote', () => {
    expect(() => splitArguments('"x')).toThrow(/unclosed " quote/);
  });
});
