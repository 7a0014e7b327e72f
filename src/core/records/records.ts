/**
 * What each step records next to the generated files, per tag and platform, in
 * `<dist>/<image>/<tag>/linux-<arch>/`. Later steps and the HTML report read these files instead of asking the
 * registry again; CI jobs pass them on as artifacts. All JSON, pretty-printed, keys in a stable order.
 */

/** `build.json`, written by `build` after a platform image was built and pushed. */
export interface BuildRecord {
  image: string;
  tag: string;
  /** `linux/amd64` */
  platform: string;
  /** The pushed per-platform reference, e.g. `127.0.0.1:5050/lua:5.4.4-linux-amd64`. */
  ref: string;
  /** Manifest digest of the pushed platform image. */
  digest: string;
  builder: string;
  /** Base image reference → digest it was built on. */
  baseDigests: Record<string, string>;
  /** Size in bytes of the compressed layers + config (what a pull transfers). */
  size?: number;
  /** Hash of everything that determines the build (incremental builds); also the image's input label. */
  inputDigest?: string;
  /** Set when nothing was built: the registry's image of the same inputs was reused (found under this reference). */
  reusedFrom?: string;
  durationMs: number;
  /** `linux-<arch>/image.tar` (docker-archive) relative to the tag folder, when exported. */
  archive?: string;
  labels?: Record<string, string>;
}

export const BUILD_RECORD = 'build.json';
export const IMAGE_ARCHIVE = 'image.tar';

export type TestStatus = 'passed' | 'failed' | 'error' | 'not-run';

export interface TestCaseResult {
  /** `fileExistenceTests`, `commandTests`, … */
  kind: string;
  name: string;
  status: TestStatus;
  durationMs: number;
  /** What differed (expected vs actual, truncated) or why it was not run. */
  message?: string;
}

/** `test-report.json` (and `junit.xml` beside it), written by `test`. */
export interface TestReport {
  image: string;
  tag: string;
  platform: string;
  ref?: string;
  /** Runtime used for command tests, or null when none ran. */
  runtime: string | null;
  summary: { passed: number; failed: number; errors: number; notRun: number; durationMs: number };
  /**
   * True when command tests were skipped on purpose (`--skip-command-tests`). Tests that did not run for any
   * other reason (no container runtime) make the report a failure: promotion refuses it.
   */
  commandTestsSkipped?: boolean;
  tests: TestCaseResult[];
}

export const TEST_REPORT = 'test-report.json';
export const JUNIT_REPORT = 'junit.xml';

/** `sbom-summary.json`, written by `sbom` beside `sbom.<ext>`. */
export interface SbomRecord {
  image: string;
  tag: string;
  platform: string;
  format: 'cyclonedx-json' | 'spdx-json' | 'syft-json';
  /** File name beside this record, e.g. `sbom.cyclonedx.json`. */
  file: string;
  scanner: string;
  packageCount: number;
  /** Packages as listed in the report (name, version, type, purl, license). */
  packages: Array<{ name: string; version: string; type: string; purl?: string; license?: string }>;
}

export const SBOM_SUMMARY = 'sbom-summary.json';

/** `linux/arm64` → `linux-arm64` (folder and tag suffix form). */
export function platformSlug(platform: string): string {
  return platform.replace(/\//g, '-');
}
