import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { cli } from '../support/run-cli';
import { copyExampleCatalog } from '../support/project-fixture';

describe('image-manager report', () => {
  it('writes the HTML catalog after generate, and a markdown summary on request', async () => {
    const root = copyExampleCatalog();
    expect((await cli(['generate'], { cwd: root })).code).toBe(0);
    const run = await cli(['report', '--markdown'], { cwd: root });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/Wrote \d+ pages \(0 stale removed\): open out\/index\.html/);
    const index = readFileSync(path.join(root, 'out/index.html'), 'utf8');
    expect(index).toContain('luacheck');
    expect(existsSync(path.join(root, 'out/lua/5.4.4/index.html'))).toBe(true);
    expect(run.stdout).toMatch(/\| lua \| 5\.4\.4 \|/);
  });

  it('says what to do when nothing was generated yet', async () => {
    const run = await cli(['report'], { cwd: copyExampleCatalog() });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/catalog\.json/);
  });
});
