/** Checks of built images (`test`, `sbom`): which image, from where, and the records and report files they leave. */
export {
  findPlatformImages,
  type ImageSourceContext,
  type MissingPlatform,
  type PlatformImage,
  type PlatformLookup,
} from './image-source';
export { pullDockerArchive, type PullArchiveInput, type PulledArchive } from './registry-archive';
export { withPlatformArchive } from './platform-archive';
export { loadTestConfigs, TEST_CONFIG, type TagTestConfig } from './test-configs';
export { runImageTests, type ImageTestsInput, type PlatformTestResult, type TagTestResult } from './image-tests';
export {
  runImageSboms,
  TAG_SBOM_SUMMARY,
  type ImageSbomsInput,
  type PlatformSbomResult,
  type TagSbomResult,
} from './image-sboms';
export {
  COMBINED_REPORT_FORMATS,
  renderCombinedJson,
  renderCombinedJUnit,
  writeCombinedReport,
  type CombinedReportFormat,
  type ReportEntry,
} from './combined-reports';
export { gitlabSbomFileName, gitlabSbomGlob, platformArch } from './gitlab-report-names';
export { refreshHtmlReport } from './refresh-report';
export { displayPath, formatPlatformSbom, formatPlatformTests, formatSbomRun, formatTestRun } from './check-output';
export { scannerSearchFrom } from './scanner-location';
