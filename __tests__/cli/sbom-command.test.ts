/**
 * `image-manager sbom` end to end with the real trivy on a tag the real build made for amd64 and arm64: a
 * CycloneDX SBOM per platform that validates and names the image by tag and digest, the per-tag package list,
 * the copies GitLab's report glob collects, an image pulled from the registry when there is no local archive,
 * SPDX, and the HTML report refreshed as SBOMs appear.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { TAG_SBOM_SUMMARY } from '../../src/core/image-checks';
import type { SbomRecord } from '../../src/core/records/records';
import type { TagSbomSummary } from '../../src/core/sbom';
import { cycloneDxProblems } from '../core/sbom/support/cyclonedx-schema';
import {
  buildProject,
  buildRecord,
  checksEnv,
  checksProject,
  imageManager,
  platformDir,
  readJson,
  type ChecksProject,
} from '../core/image-checks/support/checks-project';

const SNAPSHOT = 's1';
const ARCHES = ['amd64', 'arm64'] as const;
const PACKAGES = ['base-files', 'zlib1g'];

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A Debian-like rootfs: this machine's dpkg records and copyright files of a few packages, on busybox. */
function packagesImage(): Record<string, string> {
  const stanzas = readFileSync('/var/lib/dpkg/status', 'utf8')
    .split(/\n\n+/)
    .filter((stanza) => PACKAGES.includes(/^Package: (.+)$/m.exec(stanza)?.[1] ?? ''));
  if (stanzas.length !== PACKAGES.length) throw new Error(`/var/lib/dpkg/status lacks ${PACKAGES.join(', ')}`);
  const files: Record<string, string> = {
    'images/pkgs/image.yml': "name: pkgs\ntags:\n  - name: '1.0'\n",
    'images/pkgs/Dockerfile.mustache': 'FROM busybox:latest\nRUN echo pkgs > /etc/pkgs-info\n',
    'images/pkgs/rootfs/var/lib/dpkg/status': `${stanzas.join('\n\n')}\n`,
    'images/pkgs/rootfs/etc/os-release': readFileSync('/etc/os-release', 'utf8'),
    'images/pkgs/rootfs/etc/debian_version': readFileSync('/etc/debian_version', 'utf8'),
  };
  for (const name of PACKAGES) {
    files[`images/pkgs/rootfs/usr/share/doc/${name}/copyright`] = readFileSync(
      `/usr/share/doc/${name}/copyright`,
      'utf8',
    );
  }
  return files;
}

let project: ChecksProject;
beforeAll(async () => {
  project = await checksProject(packagesImage());
  await buildProject(project, SNAPSHOT);
  expect((await imageManager(['report'], { cwd: project.root })).code).toBe(0);
}, 600000);

const run = (args: string[], env?: NodeJS.ProcessEnv) => imageManager(args, { cwd: project.root, env });
const sbomFile = (arch: string, name = 'sbom.cyclonedx.json') =>
  path.join(platformDir(project.root, 'pkgs', '1.0', arch), name);
const debNames = (bom: Json) =>
  (bom.components as Json[]).filter((c) => String(c.purl).startsWith('pkg:deb/')).map((c) => c.name);

describe('image-manager sbom', () => {
  let first: Record<string, string>;

  it('writes a validated CycloneDX SBOM per platform, the tag summary and the GitLab copies, and refreshes the HTML', async () => {
    expect(existsSync(sbomFile('amd64', 'sbom.html'))).toBe(false);
    const result = await run(['sbom', 'pkgs', '--snapshot-id', SNAPSHOT, '--output-dir', 'reports']);
    expect({ code: result.code, stderr: result.stderr }).toMatchObject({ code: 0 });
    first = {};
    for (const arch of ARCHES) {
      const build = buildRecord(project.root, 'pkgs', '1.0', arch);
      const text = readFileSync(sbomFile(arch), 'utf8');
      first[arch] = text;
      const bom = JSON.parse(text) as Json;
      expect(cycloneDxProblems(bom, '1.5')).toEqual([]);
      expect(bom.metadata.component).toMatchObject({ type: 'container', version: build.digest });
      expect(bom.metadata.component.purl).toContain(`tag=1.0-${SNAPSHOT}-linux-${arch}`);
      expect(bom.metadata.component.purl).toContain(`arch=${arch}`);
      expect(debNames(bom)).toEqual(PACKAGES);

      const record = readJson<SbomRecord>(sbomFile(arch, 'sbom-summary.json'));
      expect(record).toMatchObject({ image: 'pkgs', tag: '1.0', platform: `linux/${arch}`, format: 'cyclonedx-json' });
      expect(record.scanner).toMatch(/^trivy /);
      expect(record.packages.filter((p) => p.purl?.startsWith('pkg:deb/')).map((p) => p.name)).toEqual(PACKAGES);

      const copy = path.join(project.root, 'reports', `gl-sbom-pkgs-1.0-${arch}.cdx.json`);
      expect(readFileSync(copy, 'utf8')).toBe(text);
      expect(result.stdout).toContain(
        `pkgs:1.0 linux/${arch}: ${record.packageCount} packages (${record.scanner}) → dist/pkgs/1.0/linux-${arch}/sbom.cyclonedx.json (copy: reports/gl-sbom-pkgs-1.0-${arch}.cdx.json)`,
      );
      expect(existsSync(sbomFile(arch, 'sbom.html'))).toBe(true);
    }
    const summary = readJson<TagSbomSummary>(path.join(project.root, 'dist/pkgs/1.0', TAG_SBOM_SUMMARY));
    expect(summary.platforms).toEqual(['linux/amd64', 'linux/arm64']);
    const debs = summary.packages.filter((p) => p.purl?.startsWith('pkg:deb/'));
    expect(debs.map((p) => [p.name, p.platforms])).toEqual(
      PACKAGES.map((name) => [name, ['linux/amd64', 'linux/arm64']]),
    );
    expect(result.stdout).toMatch(/^DONE 2 SBOMs written, 0 failed$/m);
  }, 300000);

  it('pulls the image when there is no local archive, and the SBOM is the same to the byte', async () => {
    rmSync(sbomFile('arm64', 'image.tar'));
    const build = buildRecord(project.root, 'pkgs', '1.0', 'arm64');
    const result = await run(['sbom', 'pkgs', '--snapshot-id', SNAPSHOT, '--platform', 'arm64']);
    expect({ code: result.code, stderr: result.stderr }).toMatchObject({ code: 0 });
    expect(result.stderr).toContain(`pulled ${build.ref}@${build.digest} (no image.tar in `);
    expect(readFileSync(sbomFile('arm64'), 'utf8')).toBe(first.arm64);
  }, 300000);

  it('writes SPDX with its own GitLab name', async () => {
    const result = await run([
      'sbom',
      'pkgs:1.0',
      '--snapshot-id',
      SNAPSHOT,
      '--platform',
      'linux/arm64',
      '--format',
      'spdx-json',
      '--output-dir',
      'reports',
    ]);
    expect({ code: result.code, stderr: result.stderr }).toMatchObject({ code: 0 });
    const spdx = readJson<Json>(sbomFile('arm64', 'sbom.spdx.json'));
    expect(spdx.spdxVersion).toBe('SPDX-2.3');
    expect(JSON.stringify(spdx)).toContain(
      buildRecord(project.root, 'pkgs', '1.0', 'arm64').digest.slice('sha256:'.length),
    );
    expect(readFileSync(path.join(project.root, 'reports/gl-sbom-pkgs-1.0-arm64.spdx.json'), 'utf8')).toBe(
      readFileSync(sbomFile('arm64', 'sbom.spdx.json'), 'utf8'),
    );
    const record = readJson<SbomRecord>(sbomFile('arm64', 'sbom-summary.json'));
    expect(record).toMatchObject({ format: 'spdx-json', file: 'sbom.spdx.json' });
    expect(record.packages.filter((p) => p.purl?.startsWith('pkg:deb/')).map((p) => p.name)).toEqual(PACKAGES);
  }, 300000);

  it('a platform that is not built fails with the reason; the SBOM of the built snapshot is left alone', async () => {
    const result = await run(['sbom', 'pkgs', '--snapshot-id', 'other', '--platform', 'amd64']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /^FAILED pkgs:1\.0 linux\/amd64: not built: .*build\.json is for .*pkgs:1\.0-s1-linux-amd64, not /m,
    );
    expect(result.stdout).toMatch(/^FAILED 0 SBOMs written, 1 failed$/m);
    // Nothing was scanned, so the existing SBOM of the built snapshot stays.
    expect(readFileSync(sbomFile('amd64'), 'utf8')).toBe(first.amd64);
  }, 120000);

  it('without a scanner: exit 1 naming how to install one, before any image is looked at', async () => {
    const result = await run(
      ['sbom', 'pkgs', '--snapshot-id', SNAPSHOT, '--scanner', 'syft'],
      checksEnv({ PATH: '/nonexistent' }),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /error: no SBOM scanner is available \(syft not found\): install syft \(https:\/\/github\.com\/anchore\/syft\/releases/,
    );
    expect(result.stdout).toBe('');
  });
});
