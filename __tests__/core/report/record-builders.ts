/**
 * Builders for the records of src/core/records/records.ts with realistic values (stable fake digests, Debian
 * packages, OCI labels), and the writer that files them where the build, test and sbom steps do. Typed with the
 * contract's own types, so the compiler keeps the fixtures honest.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  BUILD_RECORD,
  type BuildRecord,
  JUNIT_REPORT,
  SBOM_SUMMARY,
  type SbomRecord,
  TEST_REPORT,
  type TestCaseResult,
  type TestReport,
  platformSlug,
} from '../../../src/core/records/records';

export const REGISTRY = '127.0.0.1:5050';

/** What one platform image of a tag has recorded; `junit` adds a junit.xml beside the test report. */
export interface PlatformRecordSet {
  build?: BuildRecord;
  test?: TestReport;
  sbom?: SbomRecord;
  junit?: boolean;
}

/** A stable, realistic-looking digest: the same input gives the same digest on every run. */
export function fakeDigest(seed: string): string {
  return `sha256:${createHash('sha256').update(seed).digest('hex')}`;
}

export function buildRecord(image: string, tag: string, platform: string, base: string, size: number): BuildRecord {
  const slug = platformSlug(platform);
  return {
    image,
    tag,
    platform,
    ref: `${REGISTRY}/${image}:${tag}-${slug}`,
    // The same seed as a base reference gets, so a child's baseDigests match its parent's build.json.
    digest: fakeDigest(`${REGISTRY}/${image}:${tag}@${platform}`),
    builder: 'buildah',
    baseDigests: { [base]: fakeDigest(`${base}@${platform}`) },
    size,
    inputDigest: fakeDigest(`inputs of ${image}:${tag}`),
    durationMs: 41_250 + size / 10_000,
    archive: `${slug}/image.tar`,
    labels: {
      'org.opencontainers.image.title': image,
      'org.opencontainers.image.version': tag,
      'org.opencontainers.image.vendor': 'Example Platform Team',
      'org.opencontainers.image.licenses': 'MIT',
      'org.opencontainers.image.url': `https://example.org/images/${image}`,
      'org.opencontainers.image.base.name': base,
    },
  };
}

export type TestCase = [kind: string, name: string, outcome?: Partial<TestCaseResult>];

export function testReport(image: string, tag: string, platform: string, cases: TestCase[]): TestReport {
  const results: TestCaseResult[] = cases.map(([kind, name, outcome], i) => ({
    kind,
    name,
    status: 'passed',
    durationMs: 120 + i * 35,
    ...outcome,
  }));
  const count = (status: TestCaseResult['status']) => results.filter((r) => r.status === status).length;
  return {
    image,
    tag,
    platform,
    ref: `${REGISTRY}/${image}:${tag}-${platformSlug(platform)}`,
    runtime: results.some((r) => r.kind === 'commandTests' && r.status !== 'not-run') ? 'podman' : null,
    summary: {
      passed: count('passed'),
      failed: count('failed'),
      errors: count('error'),
      notRun: count('not-run'),
      durationMs: results.reduce((n, r) => n + r.durationMs, 0),
    },
    tests: results,
  };
}

/** name, version, license */
export type PackageRow = [name: string, version: string, license: string];

const DEBIAN_PACKAGES: PackageRow[] = [
  ['base-files', '12.4+deb12u7', 'GPL-2.0-or-later'],
  ['bash', '5.2.15-2+b7', 'GPL-3.0-or-later'],
  ['ca-certificates', '20230311', 'MPL-2.0'],
  ['coreutils', '9.1-1', 'GPL-3.0-or-later'],
  ['dpkg', '1.21.22', 'GPL-2.0-or-later'],
  ['libc6', '2.36-9+deb12u9', 'LGPL-2.1-or-later'],
  ['libssl3', '3.0.15-1~deb12u1', 'Apache-2.0'],
  ['openssl', '3.0.15-1~deb12u1', 'Apache-2.0'],
  ['tzdata', '2024b-0+deb12u1', 'public-domain'],
  ['zlib1g', '1:1.2.13.dfsg-1', 'Zlib'],
];

export function sbomRecord(image: string, tag: string, platform: string, extra: PackageRow[]): SbomRecord {
  const arch = platform.split('/')[1];
  const packages = [...DEBIAN_PACKAGES, ...extra].map(([name, version, license]) => ({
    name,
    version,
    type: 'deb',
    purl: `pkg:deb/debian/${name}@${encodeURIComponent(version)}?arch=${arch}&distro=debian-12`,
    license,
  }));
  return {
    image,
    tag,
    platform,
    format: 'cyclonedx-json',
    file: 'sbom.cyclonedx.json',
    scanner: 'syft 1.18.1',
    packageCount: packages.length,
    packages,
  };
}

/** Writes the records (and the files they point at) into a copy of a generated dist/. */
export function writeRecords(distDir: string, records: PlatformRecordSet[]): void {
  for (const entry of records) {
    const first = entry.build ?? entry.test ?? entry.sbom;
    if (!first) continue;
    const dir = path.join(distDir, first.image, first.tag, platformSlug(first.platform));
    mkdirSync(dir, { recursive: true });
    const json = (file: string, value: unknown) =>
      writeFileSync(path.join(dir, file), `${JSON.stringify(value, null, 2)}\n`);
    if (entry.build) json(BUILD_RECORD, entry.build);
    if (entry.test) json(TEST_REPORT, entry.test);
    if (entry.sbom) {
      json(SBOM_SUMMARY, entry.sbom);
      json(entry.sbom.file, {
        bomFormat: 'CycloneDX',
        specVersion: '1.6',
        components: entry.sbom.packages.map((p) => ({
          type: 'library',
          name: p.name,
          version: p.version,
          purl: p.purl,
        })),
      });
    }
    if (entry.junit)
      writeFileSync(path.join(dir, JUNIT_REPORT), '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites/>\n');
  }
}
