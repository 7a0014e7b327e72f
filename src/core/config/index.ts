/** Reading the two user files: every image.yml of the catalog and the project's .image-manager.yml. */
export * from './types';
export { loadImageDefinitions, loadImageFile, parseImageDefinition } from './load-image-definitions';
export { findImageFiles, IMAGE_FILE_NAME } from './image-discovery';
export {
  loadProjectConfig,
  parseProjectConfig,
  PROJECT_CONFIG_FILES,
  DEFAULT_DIST_DIR,
  DEFAULT_IMAGES_DIR,
} from './load-project-config';
export { LOCAL_REGISTRY_URL, isLoopbackHost, pushRegistry, registryHost } from './registry-settings';
export { DEFAULT_PLATFORMS, normalisePlatform, platformDefaults } from './platform-settings';
export { DEFAULT_S3_REGION } from './cache-settings';
export { expandEnv, type Expansion } from './env-expansion';
export { formatFieldPath, type FieldPath } from './field-path';
export { IMAGE_SCHEMA_PATH, CONFIG_SCHEMA_PATH, imageSchema, configSchema } from './schemas';
