/**
 * images/image-manager, the job image of the GitLab templates, as the catalog sees it. It cannot be built here
 * (its base is docker.io/library/node, and Debian bookworm has no Node 20+), so this checks everything short of
 * the build: `list` and `generate` accept it, the Dockerfile starts FROM the fully qualified upstream image with
 * the rootfs (CLI wrapper, unprivileged buildah/podman settings) copied in, its test config is a valid structure
 * test, and it installs the very syft release (and checksums) the CLI itself pins.
 */
import { statSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { syftDownload, PINNED_SYFT_VERSION } from '../../src/core/sbom';
import { parseStructureTestConfig } from '../../src/core/structure-test';
import { cli } from '../support/run-cli';
import { copyExampleCatalog, REPO_ROOT } from '../support/project-fixture';

const IMAGE_DIR = path.join(REPO_ROOT, 'images', 'image-manager');
const definition = parse(readFileSync(path.join(IMAGE_DIR, 'image.yml'), 'utf8')) as {
  versions: Record<string, string>;
  variables: Record<string, string>;
  tags: Array<{ name: string }>;
};

describe('images/image-manager', () => {
  let root: string;
  beforeAll(() => {
    root = copyExampleCatalog();
  });

  it('is listed as a catalog image with no catalog parent, tagged by the CLI release it contains', async () => {
    const run = await cli(['list', '--json'], { cwd: root });
    expect(run.code).toBe(0);
    const catalog = JSON.parse(run.stdout) as {
      images: Array<{
        name: string;
        dependsOn: string[];
        tags: Array<{ name: string }>;
        aliases: Record<string, string>;
      }>;
    };
    const image = catalog.images.find((entry) => entry.name === 'image-manager');
    const release = definition.versions['image-manager'];
    expect(image).toMatchObject({ dependsOn: [], tags: [{ name: release }] });
    const major = release.split('.')[0];
    expect(image?.aliases).toEqual({
      [major]: release,
      [release.split('.').slice(0, 2).join('.')]: release,
      latest: release,
    });
  });

  it('generates a Dockerfile FROM the fully qualified upstream Node image, with the rootfs copied first', async () => {
    const run = await cli(['generate'], { cwd: root });
    expect({ code: run.code, stderr: run.stderr }).toMatchObject({ code: 0 });
    const tagDir = path.join(root, 'out', 'image-manager', definition.tags[0].name);
    const dockerfile = readFileSync(path.join(tagDir, 'Dockerfile'), 'utf8');
    const instructions = dockerfile.split('\n').filter((line) => /^[A-Z]+ /.test(line));
    expect(instructions.slice(0, 2)).toEqual([
      `FROM docker.io/library/node:${definition.versions.node}-${definition.versions.debian}-slim`,
      'COPY --chown=0:0 rootfs/ /',
    ]);
    expect(dockerfile).not.toContain('{{');
    // The CLI is the bundle committed at the release tag the image is named after.
    const release = `https://raw.githubusercontent.com/${definition.variables.repository}/v${definition.versions['image-manager']}`;
    expect(dockerfile).toContain(`base="${release}"`);
    expect(dockerfile).toContain('"$base/dist/cli/index.js"');
    expect(instructions).toContain('ENV BUILDAH_ISOLATION=chroot \\');
    // The wrapper the templates call, executable for everyone; the container settings for unprivileged jobs.
    const wrapper = path.join(tagDir, 'rootfs', 'usr', 'local', 'bin', 'image-manager');
    expect(statSync(wrapper).mode & 0o777).toBe(0o755);
    expect(readFileSync(wrapper, 'utf8')).toContain('exec node /usr/local/lib/image-manager/index.js "$@"');
    expect(readFileSync(path.join(tagDir, 'rootfs/etc/containers/storage.conf'), 'utf8')).toMatch(/driver = "vfs"/);
    expect(readFileSync(path.join(tagDir, 'rootfs/etc/containers/containers.conf'), 'utf8')).toMatch(
      /cgroups = "disabled"[\s\S]*runtime = "runc"/,
    );
  });

  it('has a valid structure test checking each tool of the image', () => {
    const file = path.join(root, 'out', 'image-manager', definition.tags[0].name, 'test.yml');
    const config = parseStructureTestConfig(readFileSync(file, 'utf8'), file);
    const commands = (config.commandTests ?? []).map((test) => test.command).sort();
    expect(commands).toEqual(['buildah', 'git', 'image-manager', 'node', 'podman', 'skopeo', 'syft']);
    expect(JSON.stringify(config)).toContain(`^${definition.versions['image-manager']}$`);
  });

  it.each(['linux/amd64', 'linux/arm64'])(
    'installs the syft the CLI pins, checked against its %s checksum',
    (platform) => {
      expect(definition.versions.syft).toBe(PINNED_SYFT_VERSION);
      const arch = platform.split('/')[1];
      expect(definition.variables[`syft_sha256_${arch}`]).toBe(syftDownload(PINNED_SYFT_VERSION, platform).sha256);
    },
  );
});
