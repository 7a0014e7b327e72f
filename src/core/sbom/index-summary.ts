/**
 * The packages of a multi-platform tag in one list, from the SBOM records of its platforms: each package once, with
 * the platforms that contain it (a package only on arm64 stands out). Package URLs lose their `arch` qualifier here,
 * since it is what differs between platforms.
 */
import type { SbomRecord } from '../records/records';
import { UsageError } from '../shared/errors';
import { sortByKeys } from './normalize/json-tools';
import type { SbomPackage } from './package-list';

export interface TagPackage extends SbomPackage {
  platforms: string[];
}

export interface TagSbomSummary {
  image: string;
  tag: string;
  platforms: string[];
  scanners: string[];
  packageCount: number;
  packages: TagPackage[];
}

export function summarizeTagSboms(records: SbomRecord[]): TagSbomSummary {
  if (records.length === 0) throw new UsageError('no SBOM records to summarize');
  const { image, tag } = records[0];
  const stranger = records.find((r) => r.image !== image || r.tag !== tag);
  if (stranger) {
    throw new UsageError(
      `SBOM records of different tags cannot be combined: ${image}:${tag} and ${stranger.image}:${stranger.tag}`,
    );
  }
  const byKey = new Map<string, TagPackage>();
  for (const record of sortByKeys(records, (r) => [r.platform])) {
    for (const pkg of record.packages) {
      const key = `${pkg.type}\0${pkg.name}\0${pkg.version}`;
      const known = byKey.get(key);
      if (known) {
        if (!known.platforms.includes(record.platform)) known.platforms.push(record.platform);
        continue;
      }
      const purl = pkg.purl ? withoutArch(pkg.purl) : undefined;
      byKey.set(key, { ...pkg, ...(purl ? { purl } : {}), platforms: [record.platform] });
    }
  }
  const packages = sortByKeys([...byKey.values()], (p) => [p.name.toLowerCase(), p.version, p.type]);
  return {
    image,
    tag,
    platforms: [...new Set(records.map((r) => r.platform))].sort(),
    scanners: [...new Set(records.map((r) => r.scanner))].sort(),
    packageCount: packages.length,
    packages,
  };
}

function withoutArch(purl: string): string {
  const [base, query] = purl.split('?');
  if (!query) return purl;
  const kept = query.split('&').filter((pair) => !pair.startsWith('arch='));
  return kept.length > 0 ? `${base}?${kept.join('&')}` : base;
}
