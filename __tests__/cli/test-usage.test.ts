/**
 * `image-manager test` refuses bad input before touching any image: unknown options values (with suggestions),
 * every broken test.yml of the run at once (file, line, field), and a dist/ that lacks a test config the catalog
 * renders. No registry or runtime is needed: nothing may be looked up when the input is wrong.
 */
import { existsSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { makeProject } from '../support/project-fixture';
import { imageManager } from '../core/image-checks/support/checks-project';

const CONFIG = [
  'dist_dir: dist',
  'registries:',
  // Nothing listens here: a lookup would fail loudly instead of passing by accident.
  '  - url: 127.0.0.1:9/usage',
  'platforms: [linux/amd64, linux/arm64]',
  '',
].join('\n');

const image = (name: string, tests: string | null): Record<string, string> => ({
  [`images/${name}/image.yml`]: `name: ${name}\ntags:\n  - name: '1.0'\n`,
  [`images/${name}/Dockerfile.mustache`]: 'FROM scratch\n',
  ...(tests === null ? {} : { [`images/${name}/test.yml`]: tests }),
});

async function generated(files: Record<string, string>): Promise<string> {
  const root = makeProject({ '.image-manager.yml': CONFIG, ...files }, 'im-test-usage-');
  const result = await imageManager(['generate'], { cwd: root });
  expect({ code: result.code, stderr: result.stderr }).toMatchObject({ code: 0 });
  return root;
}

describe('image-manager test: bad input', () => {
  let root: string;
  beforeAll(async () => {
    root = await generated({
      ...image('ok', 'schemaVersion: 2.0.0\nfileExistenceTests:\n  - {name: sh, path: /bin/sh}\n'),
      ...image('typo', 'schemaVersion: 2.0.0\nfileExistenceTest:\n  - {name: sh, path: /bin/sh}\n'),
      ...image(
        'badregex',
        "schemaVersion: 2.0.0\ncommandTests:\n  - {name: x, command: 'true', expectedOutput: ['(']}\n",
      ),
    });
  });

  it.each([
    [
      ['--runtime', 'dokcer'],
      /--runtime dokcer: unknown container runtime \(did you mean "docker"\?\); use one of docker, podman, buildah/,
    ],
    [['--report', 'xml', '--output', 'r.xml'], /--report xml: unknown report format; use one of junit, json/],
    [['--report', 'junit'], /--report junit needs --output FILE/],
    [['--platform', 's390x'], /--platform s390x: linux\/s390x is not one of the platforms configured/],
    [['nope'], /"nope" is not an image of this catalog/],
  ])('test %j is a usage error (exit 2)', async (args, message) => {
    const result = await imageManager(['test', 'ok', ...args], { cwd: root });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(existsSync(path.join(root, 'dist/ok/1.0/linux-amd64'))).toBe(false);
  });

  it('reports every broken test.yml of the run together, with file and line, and tests nothing', async () => {
    const result = await imageManager(['test'], { cwd: root });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /dist\/typo\/1\.0\/test\.yml:2:1: fileExistenceTest: unknown field .*\(did you mean "fileExistenceTests"\?; fix it in images\/typo\/test\.yml and run image-manager generate\)/,
    );
    expect(result.stderr).toMatch(/dist\/badregex\/1\.0\/test\.yml:3:\d+: .*expectedOutput/);
    expect(result.stderr).toContain('2 problems found; nothing was written.');
    expect(result.stdout).toBe('');
  });

  it('a test config the catalog renders but dist/ lacks means dist/ is stale, not "no tests"', async () => {
    rmSync(path.join(root, 'dist/ok/1.0/test.yml'));
    const result = await imageManager(['test', 'ok'], { cwd: root });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /dist\/ok\/1\.0\/test\.yml: ok:1\.0 has a test template but dist\/ has no test\.yml for it \(dist\/ is out of date: run image-manager generate\)/,
    );
  });
});
