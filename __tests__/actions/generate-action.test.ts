import { existsSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ACTIONS_DIR, runAction } from '../support/github-runner';
import { copyExampleCatalog } from '../support/project-fixture';

const action = path.join(ACTIONS_DIR, 'generate');

describe('actions/generate, run as the GitHub runner runs it', () => {
  it('generates the catalog and sets outputs and the job summary', () => {
    const workspace = copyExampleCatalog();
    const run = runAction(action, { 'snapshot-id': 'pr-7' }, { workspace });
    expect(run.log).not.toMatch(/::error/);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.outputs.images)).toEqual(['base', 'image-manager', 'lua', 'luacheck']);
    const catalog = JSON.parse(run.outputs.catalog);
    expect(catalog.snapshotId).toBe('pr-7');
    expect(run.outputs['dist-dir']).toBe('out');
    expect(existsSync(path.join(workspace, 'out/lua/5.4.4/Dockerfile'))).toBe(true);
    expect(run.summary).toContain('| Image | Tags | Aliases | Builds on |');
    expect(run.summary).toContain('| lua | `5.1.5`, `5.1.5-dev`, `5.4.4`, `5.4.4-dev` |');
    expect(run.summary).toContain('Snapshot `pr-7`');
  });

  it('turns config errors into annotations on the file and line, and fails', () => {
    const workspace = copyExampleCatalog();
    writeFileSync(path.join(workspace, 'images/luacheck/image.yml'), 'tags:\n  - name: 1.1.0\nvaraints: []\n');
    const run = runAction(action, {}, { workspace });
    expect(run.code).toBe(1);
    expect(run.log).toMatch(
      /::error title=image-manager%3A invalid configuration,file=images\/luacheck\/image\.yml,line=3,col=1::varaints: unknown key/,
    );
    expect(run.log).toMatch(/::error::1 problem\(s\) in the catalog configuration/);
    expect(run.log).not.toMatch(/\n\s+at /);
  });

  it('fails on an unknown input instead of ignoring it', () => {
    expect(() => runAction(action, { snapshot: 'x' }, { workspace: copyExampleCatalog() })).toThrow(/not declared/);
  });
});
