/** The SBOM copies `sbom --output-dir` writes are the names the generated GitLab pipeline's glob collects. */
import { gitlabSbomFileName, gitlabSbomGlob, platformArch } from '../../../src/core/image-checks/gitlab-report-names';
import type { SbomFormat } from '../../../src/core/sbom/sbom-format';

/** GitLab artifact globs: `*` matches within one path segment. */
const globToRegExp = (glob: string) =>
  new RegExp(`^${glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`);

describe('GitLab SBOM report names', () => {
  it.each<[string, string, string, SbomFormat, string]>([
    ['python', '3.13.7', 'linux/amd64', 'cyclonedx-json', 'gl-sbom-python-3.13.7-amd64.cdx.json'],
    ['python', '3.13.7-browser', 'linux/arm64', 'cyclonedx-json', 'gl-sbom-python-3.13.7-browser-arm64.cdx.json'],
    ['tools/node', '22', 'linux/arm/v7', 'spdx-json', 'gl-sbom-tools-node-22-arm-v7.spdx.json'],
    ['lua', '5.4', 'linux/amd64', 'syft-json', 'gl-sbom-lua-5.4-amd64.syft.json'],
  ])('%s:%s %s as %s → %s', (image, tag, platform, format, expected) => {
    const name = gitlabSbomFileName(image, tag, platform, format);
    expect(name).toBe(expected);
    if (format === 'cyclonedx-json') expect(name).toMatch(globToRegExp(gitlabSbomGlob(image)));
    // GitLab's Dependency List only looks at gl-sbom-*.cdx.json.
    if (format === 'cyclonedx-json') expect(name).toMatch(globToRegExp('gl-sbom-*.cdx.json'));
  });

  it.each([
    ['linux/amd64', 'amd64'],
    ['linux/arm64/v8', 'arm64-v8'],
    ['windows/amd64', 'windows-amd64'],
  ])('platform %s → %s', (platform, arch) => {
    expect(platformArch(platform)).toBe(arch);
  });

  it("an image's glob does not collect SPDX copies", () => {
    expect(gitlabSbomFileName('app', '1.0', 'linux/amd64', 'spdx-json')).not.toMatch(
      globToRegExp(gitlabSbomGlob('app')),
    );
  });
});
