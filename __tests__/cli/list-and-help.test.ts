import { execFileSync, spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { commands } from '../../src/cli/commands';
import { cli } from '../support/run-cli';
import { copyExampleCatalog, REPO_ROOT } from '../support/project-fixture';

describe('image-manager list', () => {
  it('prints the documented JSON contract (build order, dependencies, tags, aliases)', async () => {
    const run = await cli(['list', '--json'], { cwd: copyExampleCatalog() });
    expect(run.code).toBe(0);
    const catalog = JSON.parse(run.stdout);
    expect(catalog.order).toEqual(['base', 'image-manager', 'lua', 'luacheck']);
    expect(catalog.images.map((i: { name: string; dependsOn: string[] }) => [i.name, i.dependsOn])).toEqual([
      ['base', []],
      ['image-manager', []],
      ['lua', ['base']],
      ['luacheck', ['lua']],
    ]);
    const lua = catalog.images[2];
    expect(lua.tags.find((t: { name: string }) => t.name === '5.4.4-dev')).toEqual({
      name: '5.4.4-dev',
      variant: 'dev',
      versions: { lua: '5.4' },
      variables: {},
      baseTag: '5.4.4',
      dockerfile: 'out/lua/5.4.4-dev/Dockerfile',
    });
    // Highest version wins across both definitions (lua/5.1 and lua/5.4), per family.
    expect(lua.aliases).toEqual({
      '5': '5.4.4',
      '5-dev': '5.4.4-dev',
      '5.1': '5.1.5',
      '5.1-dev': '5.1.5-dev',
      '5.4': '5.4.4',
      '5.4-dev': '5.4.4-dev',
      latest: '5.4.4',
      'latest-dev': '5.4.4-dev',
    });
    expect(run.stderr).toBe('');
  });

  it('prints a readable overview without --json', async () => {
    const run = await cli(['list'], { cwd: copyExampleCatalog() });
    expect(run.stdout).toContain('lua  (builds on base)\n');
    expect(run.stdout).toContain('  5.4.4  ← 5, 5.4, latest\n');
  });
});

describe('the command line', () => {
  it.each(commands.map((c) => [c.name]))('%s --help documents the command and exits 0', async (name) => {
    const run = await cli([name, '--help'], { cwd: '/' });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^Usage: image-manager ${name}`));
    expect(run.stdout).toContain('-h, --help');
  });

  it.each<[string[], RegExp]>([
    [['genrate'], /unknown command "genrate" \(did you mean "generate"\?\)/],
    [['generate', '--snapshotid', 'x'], /unknown option --snapshotid \(did you mean --snapshot-id\?\)/],
    [['generate', 'extra'], /generate takes no arguments/],
    [[], /Usage: image-manager <command>/],
  ])('%j is a usage error (exit 2)', async (args, message) => {
    const run = await cli(args, { cwd: '/' });
    expect(run.code).toBe(2);
    expect(run.stdout + run.stderr).toMatch(message);
  });

  it('runs from the committed bundle (bin/image-manager.js → dist/cli)', () => {
    const root = copyExampleCatalog();
    const bin = path.join(REPO_ROOT, 'bin', 'image-manager.js');
    const out = execFileSync(process.execPath, [bin, 'list', '--json'], { cwd: root, encoding: 'utf8' });
    expect(JSON.parse(out).order).toEqual(['base', 'image-manager', 'lua', 'luacheck']);
    const bad = spawnSync(process.execPath, [bin, 'generate', '--nope'], { cwd: root, encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/unknown option --nope/);
  });
});
