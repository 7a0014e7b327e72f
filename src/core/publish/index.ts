/** Publishing: multi-platform indexes and aliases (manifest, and build's last step), promotion, snapshot cleanup. */
export type { MergeTag, MergeTagInput, MergeTagResult, PublishContext } from './types';
export { mergeTag, publishTag, type PublishTagResult } from './merge-tag';
export { promoteTags, type PromoteInput, type PromoteResult } from './promote-tags';
export { cleanupSnapshot, type CleanupInput, type CleanupItem } from './snapshot-cleanup';
export { checkTestReports, type TestGateInput, type TestGateResult } from './test-report-gate';
export {
  indexAnnotations,
  readIndexMetadata,
  INDEX_ANNOTATION,
  type IndexMetadata,
  type IndexMetadataContext,
} from './index-annotations';
export { MANIFEST_RECORD, readManifestRecord, writeManifestRecord, type ManifestRecord } from './manifest-record';
export { openPublishSession, type PublishSession, type PublishSessionOptions } from './publish-session';
export { registryClientFromConfig, insecureRegistryHosts, type RegistryContext } from './registry-from-config';
export {
  aliasesOf,
  declaredPlatforms,
  findCatalogTag,
  imageRepository,
  platformTag,
  publishedTag,
  tagDistDir,
  type CatalogTag,
} from './catalog-tags';
