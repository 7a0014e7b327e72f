import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { cli } from '../support/run-cli';
import { copyExampleCatalog } from '../support/project-fixture';

describe('image-manager generate-ci', () => {
  it.each([
    ['github', '.github/workflows/images.yml', /runs-on: ubuntu-24\.04-arm/],
    ['gitlab', '.gitlab/ci/images.yml', /saas-linux-small-arm64/],
  ])('writes the %s pipeline to %s, and --check keeps it honest', async (provider, output, marker) => {
    const root = copyExampleCatalog();
    const write = await cli(['generate-ci', '--provider', provider], { cwd: root });
    expect(write.code).toBe(0);
    const file = path.join(root, output);
    const content = readFileSync(file, 'utf8');
    expect(content).toMatch(marker);
    expect(content).toContain(`image-manager generate-ci --provider ${provider}`);

    const fresh = await cli(['generate-ci', '--provider', provider, '--check'], { cwd: root });
    expect(fresh.code).toBe(0);
    expect(fresh.stderr).toContain('is up to date');

    appendFileSync(file, '# edited by hand\n');
    const stale = await cli(['generate-ci', '--provider', provider, '--check'], { cwd: root });
    expect(stale.code).toBe(1);
    expect(stale.stdout).toContain('-# edited by hand');
    expect(stale.stderr).toContain(`is stale: run \`image-manager generate-ci --provider ${provider}\``);
    expect(readFileSync(file, 'utf8')).toContain('# edited by hand'); // --check never writes
  });

  it('reports a missing file under --check without creating it', async () => {
    const root = copyExampleCatalog();
    const run = await cli(['generate-ci', '--provider', 'github', '--check', '--output', 'ci.yml'], { cwd: root });
    expect(run.code).toBe(1);
    expect(existsSync(path.join(root, 'ci.yml'))).toBe(false);
  });

  it('rejects an unknown provider', async () => {
    const run = await cli(['generate-ci', '--provider', 'jenkins'], { cwd: copyExampleCatalog() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--provider must be github or gitlab');
  });
});

describe('image-manager generate-ci --affected', () => {
  const PLATFORMS = ['linux/amd64', 'linux/arm64'];
  const IMAGES = ['base', 'image-manager', 'lua', 'luacheck'];
  const all = IMAGES.flatMap((image) => PLATFORMS.map((platform) => `${image} ${platform}`));

  /** The example catalog with an affected set (as build --reuse-only --affected-file writes it) beside it. */
  function project(build: string[]): string {
    const root = copyExampleCatalog();
    const reused = all.filter((unit) => !build.includes(unit));
    writeFileSync(path.join(root, 'affected.json'), JSON.stringify({ version: 1, build, reused }, null, 2));
    return root;
  }

  it('leaves the build jobs of reused images out of the GitLab pipeline, with the needs on them', async () => {
    const root = project(['lua linux/arm64', 'luacheck linux/arm64']);
    const run = await cli(
      ['generate-ci', '--provider', 'gitlab', '--affected', 'affected.json', '--output', 'child.yml'],
      { cwd: root },
    );
    expect(run.code).toBe(0);
    const text = readFileSync(path.join(root, 'child.yml'), 'utf8');
    expect(text.match(/^build:\S+:$/gm)).toEqual(['build:lua:linux-arm64:', 'build:luacheck:linux-arm64:']);
    expect(text).toContain('needs: [generate, build:lua:linux-arm64]');
    expect(text).not.toMatch(/needs: \[[^\]]*build:(base|image-manager):/);
    expect(text).toContain('6 build job(s) of unchanged platform');
  });

  it.each([
    {
      what: 'for GitHub',
      args: ['--provider', 'github', '--affected', 'affected.json'],
      message: '--affected is for GitLab pipelines only: the GitHub workflow decides at run time',
    },
    {
      what: 'with --check',
      args: ['--provider', 'gitlab', '--affected', 'affected.json', '--check'],
      message: '--check compares the committed pipeline, which keeps every build job: drop --affected',
    },
    {
      what: 'for a missing file',
      args: ['--provider', 'gitlab', '--affected', 'nope.json'],
      message: '--affected nope.json: cannot read it (ENOENT)',
    },
  ])('is refused $what (exit 2, nothing written)', async ({ args, message }) => {
    const root = project([]);
    const run = await cli(['generate-ci', ...args, '--output', 'child.yml'], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(path.join(root, 'child.yml'))).toBe(false);
  });

  it('refuses an affected set written for another catalog', async () => {
    const root = project(['python linux/amd64']);
    const run = await cli(['generate-ci', '--provider', 'gitlab', '--affected', 'affected.json'], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('affected.json names platform images the catalog does not build (python linux/amd64)');
  });
});
