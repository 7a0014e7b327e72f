/** Mistakes on the command line or in the cache config: exit code 2 and a message saying what to write, before any build. */
import { imageManager } from '../core/build-run/build-run-fixtures';
import { makeProject } from '../support/project-fixture';
import { containersEnv } from '../support/containers-env';

const project = (config = '') =>
  makeProject({
    '.image-manager.yml': `registries:\n  - url: registry.invalid/team\nplatforms: [linux/amd64, linux/arm64]\nbuilder: buildah\n${config}`,
    'images/app/image.yml': 'name: app\ntags:\n  - name: 1.0.0\n',
    'images/app/Dockerfile': 'FROM busybox:1.36\n',
  });

describe('image-manager build: usage errors', () => {
  it.each([
    [['apq'], /error: "apq" is not an image of this catalog \(did you mean "app"\?\)/],
    [['app:1.0.1'], /"app" has no tag or alias "1.0.1" \(did you mean "app:1.0.0"\?\)/],
    [['--jobs', '0'], /--jobs 0: give a whole number of parallel builds, at least 1/],
    [['--jobs', 'many'], /--jobs many: give a whole number/],
    [['--builder', 'buildahh'], /--builder buildahh: unknown builder \(did you mean "buildah"\?\)/],
    [['--platform', 'riscv64'], /linux\/riscv64 is not one of the platforms configured in \.image-manager\.yml/],
    [['--platfrom', 'arm64'], /build: unknown option --platfrom \(did you mean --platform\?\)/],
    [['--snapshot-id', 'mr 1'], /--snapshot-id "mr 1" is not usable in a tag/],
  ])('build %j', async (args, message) => {
    const run = await imageManager(['build', ...args], { cwd: project(), env: { ...containersEnv(), NO_COLOR: '1' } });
    expect(run.stderr).toMatch(message);
    expect(run.code).toBe(2);
  });

  it('rejects a cache type the builder cannot use, naming the ones that can', async () => {
    const root = project('cache:\n  type: s3\n  bucket: b\n  region: eu-west-1\n');
    const run = await imageManager(['build'], { cwd: root, env: { ...containersEnv(), NO_COLOR: '1' } });
    expect(run.stderr).toContain('cache type "s3" is not supported by the buildah builder (it supports "registry")');
    expect(run.code).toBe(2);
  });
});
