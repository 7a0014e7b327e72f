/**
 * File names GitLab's report globs find. `artifacts:reports:cyclonedx` conventionally collects
 * `gl-sbom-*.cdx.json`; `sbom --output-dir DIR` writes one file per image, tag and platform under that pattern and
 * the generated pipeline declares the matching glob, so both are derived here.
 */
import type { SbomFormat } from '../sbom/sbom-format';

const EXTENSIONS: Record<SbomFormat, string> = {
  'cyclonedx-json': '.cdx.json',
  'spdx-json': '.spdx.json',
  'syft-json': '.syft.json',
};

/** Image names may hold `/` (registry namespaces); file names may not. */
function fileSafe(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '-');
}

/** `linux/arm64` → `arm64`, `linux/arm/v7` → `arm-v7`, `windows/amd64` → `windows-amd64`. */
export function platformArch(platform: string): string {
  const parts = platform.split('/');
  return fileSafe((parts[0] === 'linux' ? parts.slice(1) : parts).join('-'));
}

/** `gl-sbom-<image>-<tag>-<arch>.cdx.json` (or `.spdx.json`, `.syft.json`). */
export function gitlabSbomFileName(image: string, tag: string, platform: string, format: SbomFormat): string {
  return `gl-sbom-${fileSafe(image)}-${fileSafe(tag)}-${platformArch(platform)}${EXTENSIONS[format]}`;
}

/** The glob matching every CycloneDX file `gitlabSbomFileName` gives for `image`. */
export function gitlabSbomGlob(image: string): string {
  return `gl-sbom-${fileSafe(image)}-*${EXTENSIONS['cyclonedx-json']}`;
}
