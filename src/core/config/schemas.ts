/**
 * The JSON Schemas of the two user files. They are the single source of the file shapes: the loaders validate
 * against them, editors use them through `# yaml-language-server: $schema=…`, and the value explainers read their
 * patterns so a rule cannot drift between the schema and its error message.
 */
import imageSchemaJson from '../../../schemas/image.schema.json';
import configSchemaJson from '../../../schemas/config.schema.json';

/** Paths of the schema files relative to the image-manager package root (for modelines and docs). */
export const IMAGE_SCHEMA_PATH = 'schemas/image.schema.json';
export const CONFIG_SCHEMA_PATH = 'schemas/config.schema.json';

export const imageSchema = imageSchemaJson;
export const configSchema = configSchemaJson;

/** The patterns the explainers recognise, read from the schemas. */
export const patterns = {
  imageName: imageSchema.definitions.imageName.pattern,
  dockerTag: imageSchema.definitions.dockerTag.pattern,
  tagSuffix: imageSchema.definitions.tagSuffix.pattern,
  variantName: imageSchema.definitions.variantName.pattern,
  variableName: imageSchema.definitions.variableName.pattern,
  platform: configSchema.properties.platforms.items.pattern,
  pinnedAction: configSchema.properties.ci.properties.pins.propertyNames.pattern,
  pinnedSha: configSchema.properties.ci.properties.pins.additionalProperties.pattern,
} as const;
