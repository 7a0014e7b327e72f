import type { SbomRecord } from '../../../src/core/records/records';
import { summarizeTagSboms } from '../../../src/core/sbom/index-summary';
import { packagesFromSbom } from '../../../src/core/sbom/package-list';
import { UsageError } from '../../../src/core/shared/errors';

describe('package lists for the report', () => {
  it('reads CycloneDX components, nested ones too, without the image and OS entries', () => {
    const packages = packagesFromSbom('cyclonedx-json', {
      metadata: { component: { type: 'container', name: 'img' } },
      components: [
        { type: 'operating-system', name: 'debian', version: '12' },
        {
          type: 'library',
          name: 'Zlib1g',
          version: '1.2',
          purl: 'pkg:deb/debian/zlib1g@1.2?arch=amd64',
          licenses: [{ license: { id: 'Zlib' } }],
        },
        {
          type: 'application',
          name: 'app',
          version: '1',
          licenses: [
            { license: { name: 'GPL-3.0' } },
            { license: { name: 'MIT-like' } },
            { license: { name: 'GPL-3.0' } },
          ],
          components: [
            {
              type: 'library',
              name: 'left-pad',
              version: '1.3.0',
              purl: 'pkg:npm/left-pad@1.3.0',
              licenses: [{ expression: 'MIT OR ISC' }],
            },
          ],
        },
      ],
    });
    expect(packages).toEqual([
      { name: 'app', version: '1', type: 'application', license: 'GPL-3.0 AND MIT-like' },
      { name: 'left-pad', version: '1.3.0', type: 'npm', purl: 'pkg:npm/left-pad@1.3.0', license: 'MIT OR ISC' },
      { name: 'Zlib1g', version: '1.2', type: 'deb', purl: 'pkg:deb/debian/zlib1g@1.2?arch=amd64', license: 'Zlib' },
    ]);
  });

  it('reads SPDX packages, skipping the described image and the operating system', () => {
    const packages = packagesFromSbom('spdx-json', {
      packages: [
        { SPDXID: 'SPDXRef-Image', name: 'img', primaryPackagePurpose: 'CONTAINER' },
        { SPDXID: 'SPDXRef-OS', name: 'debian', primaryPackagePurpose: 'OPERATING-SYSTEM' },
        {
          SPDXID: 'SPDXRef-1',
          name: 'bash',
          versionInfo: '5.2',
          licenseConcluded: 'NOASSERTION',
          licenseDeclared: 'GPL-3.0-only',
          externalRefs: [
            {
              referenceCategory: 'PACKAGE-MANAGER',
              referenceType: 'purl',
              referenceLocator: 'pkg:deb/debian/bash@5.2',
            },
          ],
        },
        {
          SPDXID: 'SPDXRef-2',
          name: 'tool',
          versionInfo: '1',
          licenseDeclared: 'NONE',
          licenseConcluded: 'NOASSERTION',
        },
      ],
      relationships: [
        { spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: 'SPDXRef-Image' },
      ],
    });
    expect(packages).toEqual([
      { name: 'bash', version: '5.2', type: 'deb', purl: 'pkg:deb/debian/bash@5.2', license: 'GPL-3.0-only' },
      { name: 'tool', version: '1', type: 'package' },
    ]);
  });

  it('reads syft JSON artifacts', () => {
    expect(
      packagesFromSbom('syft-json', {
        artifacts: [
          { name: 'musl', version: '1.2', type: 'apk', purl: 'pkg:apk/alpine/musl@1.2', licenses: [{ value: 'MIT' }] },
        ],
      }),
    ).toEqual([{ name: 'musl', version: '1.2', type: 'apk', purl: 'pkg:apk/alpine/musl@1.2', license: 'MIT' }]);
  });
});

describe('the packages of a multi-platform tag', () => {
  const record = (platform: string, packages: SbomRecord['packages']): SbomRecord => ({
    image: 'lua',
    tag: '5.4',
    platform,
    format: 'cyclonedx-json',
    file: 'sbom.cyclonedx.json',
    scanner: 'trivy dev',
    packageCount: packages.length,
    packages,
  });
  const libc = (arch: string) => ({
    name: 'libc6',
    version: '2.36',
    type: 'deb',
    purl: `pkg:deb/debian/libc6@2.36?arch=${arch}&distro=debian-12`,
  });

  it('lists each package once with the platforms that have it', () => {
    const summary = summarizeTagSboms([
      record('linux/arm64', [libc('arm64'), { name: 'arm-only', version: '1', type: 'deb' }]),
      record('linux/amd64', [libc('amd64')]),
    ]);
    expect(summary).toEqual({
      image: 'lua',
      tag: '5.4',
      platforms: ['linux/amd64', 'linux/arm64'],
      scanners: ['trivy dev'],
      packageCount: 2,
      packages: [
        { name: 'arm-only', version: '1', type: 'deb', platforms: ['linux/arm64'] },
        { ...libc('x'), purl: 'pkg:deb/debian/libc6@2.36?distro=debian-12', platforms: ['linux/amd64', 'linux/arm64'] },
      ],
    });
  });

  it('refuses records of different tags, or none', () => {
    expect(() => summarizeTagSboms([])).toThrow(UsageError);
    expect(() => summarizeTagSboms([record('linux/amd64', []), { ...record('linux/arm64', []), tag: '5.3' }])).toThrow(
      /different tags/,
    );
  });
});
