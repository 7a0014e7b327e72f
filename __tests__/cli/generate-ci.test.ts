import { appendFileSync, existsSync, readFileSync } from 'node:fs';
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
