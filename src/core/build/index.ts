/** The build layer's public surface: "build this context for this platform, push it, tell me the digest". */
export type { Builder, BuilderEnvironment, BuilderKind, BuildRequest, BuildResult } from './types';
export { BUILDER_KINDS } from './types';
export { selectBuilder, type SelectBuilderOptions } from './select-builder';
export { createBuildahBuilder, type BuildahBuilderOptions } from './buildah-builder';
export { createDockerBuilder, type DockerBuilderOptions } from './docker-builder';
export { createBuildctlBuilder, type BuildctlBuilderOptions } from './buildctl-builder';
export {
  assertCacheSupported,
  cacheRepository,
  cacheScope,
  type CacheSettings,
  type CacheType,
  type GhaCache,
  type RegistryCache,
  type S3Cache,
} from './cache-settings';
export { checkS3Cache, type S3CacheCheckOptions } from './s3-cache-check';
export {
  emulationStatus,
  ensurePlatformRunnable,
  nativePlatform,
  normalisePlatform,
  platformSlug,
  splitPlatform,
  SUPPORTED_PLATFORMS,
} from './platform';
export { buildOciLabels, expandPlaceholders, formatCreated, OCI_LABEL, type OciLabelInputs } from './labels';
export { publicSourceUrl, readGitMetadata, resolveSourceDateEpoch, type GitMetadata } from './git-info';
