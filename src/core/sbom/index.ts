/** The SBOM module's public surface: one SBOM per platform image, scanners, and the per-tag summary. */
export { generateSbom, type GenerateSbomInput, type GeneratedSbom } from './generate-sbom';
export { summarizeTagSboms, type TagPackage, type TagSbomSummary } from './index-summary';
export { packagesFromSbom, type SbomPackage } from './package-list';
export {
  CYCLONEDX_SPEC_VERSION,
  DEFAULT_SBOM_FORMAT,
  parseSbomFormat,
  SBOM_FORMATS,
  sbomFileName,
  type SbomFormat,
} from './sbom-format';
export { describeSubject, ociPurl, sbomTimestamp, uuidV5, type SbomSubject } from './sbom-subject';
export { selectScanner, type ScannerSelectionOptions } from './scanners/select-scanner';
export { createSyftScanner, findSyft } from './scanners/syft';
export { PINNED_SYFT_VERSION, syftDownload, type ToolDownload } from './scanners/syft-download';
export { createTrivyScanner, findTrivy, bundledTrivyPaths } from './scanners/trivy';
export { SCANNER_NAMES, type SbomScanner, type ScannerName } from './scanners/scanner';
