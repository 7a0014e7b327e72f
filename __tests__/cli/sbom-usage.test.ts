/** `image-manager sbom` refuses bad option values (exit 2, with a suggestion) before any scanner or image is used. */
import { makeProject } from '../support/project-fixture';
import { imageManager } from '../core/image-checks/support/checks-project';

describe('image-manager sbom: bad input', () => {
  let root: string;
  beforeAll(async () => {
    root = makeProject(
      {
        '.image-manager.yml': 'dist_dir: dist\nregistries:\n  - url: 127.0.0.1:9/usage\nplatforms: [linux/amd64]\n',
        'images/app/image.yml': "name: app\ntags:\n  - name: '1.0'\n",
        'images/app/Dockerfile.mustache': 'FROM scratch\n',
      },
      'im-sbom-usage-',
    );
    expect((await imageManager(['generate'], { cwd: root })).code).toBe(0);
  });

  it.each([
    [
      ['--format', 'cyclondx-json'],
      /unknown SBOM format "cyclondx-json": use one of cyclonedx-json, spdx-json, syft-json \(did you mean "cyclonedx-json"\?\)/,
    ],
    [['--scanner', 'sift'], /--scanner sift: unknown SBOM scanner \(did you mean "syft"\?\); use one of syft, trivy/],
    [['--format', 'syft-json', '--scanner', 'trivy'], /the syft-json format can only be written by syft/],
    [['--platform', 'arm64'], /--platform arm64: linux\/arm64 is not one of the platforms configured/],
  ])('sbom app %j is a usage error (exit 2)', async (args, message) => {
    const result = await imageManager(['sbom', 'app', ...args], { cwd: root });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });
});
