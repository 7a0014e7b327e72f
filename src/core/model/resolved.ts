/**
 * The resolved model: what every `image.yml` under `images/` means once names are derived, tags × variants expanded and the
 * image → tag → variant cascade merged. Rendering and the dependency graph work on this.
 */
import type { ImageDefinitionFile, VersionSchemeSetting } from '../config/types';
import type { SourceLocation } from '../shared/errors';

export interface ResolvedVariantRef {
  name: string;
  suffix: string;
}

export interface ResolvedTag {
  image: string;
  /** Full tag name (base tag name + variant suffix). */
  name: string;
  /** The base tag (same definition) this tag is derived from; equals `name` for base tags. */
  baseTagName: string;
  variant: ResolvedVariantRef | null;
  versions: Record<string, string>;
  variables: Record<string, string>;
  rootfsUser: string;
  rootfsCopy: boolean;
  /** Absolute paths of the Dockerfile template and (optional) test template chosen for this tag. */
  template: string;
  testTemplate: string | null;
  /** Existing rootfs level directories, lowest priority first (absolute paths). */
  rootfsLevels: string[];
  definition: ImageDefinitionFile;
  /** Where the tag (or, for variant tags, the variant) is declared. */
  source: SourceLocation;
}

export interface ResolvedImage {
  name: string;
  description?: string;
  licenses?: string;
  isBaseImage: boolean;
  versionScheme: VersionSchemeSetting;
  latest: boolean;
  /** The image.yml files defining this image, in discovery order (several for python/3.12 + python/3.13). */
  definitions: ImageDefinitionFile[];
  /** Base tags first (definition order, declaration order), then variant tags (variant order, base tag order). */
  tags: ResolvedTag[];
  /** `extends` entries of every definition, with where each was written. */
  extends: Array<{ name: string; source: SourceLocation }>;
  explicitAliases: Array<{ alias: string; target: string; source: SourceLocation }>;
}
