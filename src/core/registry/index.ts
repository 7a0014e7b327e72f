/** The registry module's public surface: the OCI distribution client and the publishing operations built on it. */
export { RegistryClient, type RegistryClientOptions } from './client';
export { RegistryError } from './errors';
export {
  anonymousCredentials,
  basicCredentials,
  chainCredentials,
  explicitCredentials,
  registryHostOf,
  type CredentialProvider,
  type RegistryCredentials,
} from './credentials';
export { dockerConfigCredentials, dockerConfigPath } from './docker-config-credentials';
export { ciCredentials } from './ci-credentials';
export {
  parseReference,
  tryParseReference,
  formatReference,
  formatRepository,
  withTag,
  withDigest,
  InvalidReferenceError,
  type Reference,
  type RepositoryRef,
} from './reference';
export { MediaType, type Descriptor, type ImageIndex, type ImageManifest, type Platform } from './manifest';
export { formatPlatform } from './platform';
export { DEFAULT_RETRY_POLICY, systemClock, type Clock, type RetryPolicy } from './retry';
export { mergePlatformImages, type MergePlatformImagesInput, type MergeResult } from './merge-platform-images';
export { applyTags, type ApplyTagsInput, type TagUpdate } from './apply-tags';
export { exportOciLayout, type OciLayoutExport } from './oci-layout-export';
export { deleteTag, resolveTag, tagsDependingOn, tagsSharingDigest, type DeleteTagResult } from './tag-cleanup';
