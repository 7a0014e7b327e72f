/**
 * The shapes of the two user files after parsing and validation. Field names follow the files (snake_case) so
 * an error can name the field exactly as the user wrote it. Every scalar that is a tag name or a version keeps
 * its literal text (`3.10` stays "3.10").
 */
import type { SourceLocation } from '../shared/errors';

export type VersionSchemeSetting = 'auto' | 'semver' | 'numeric' | 'calendar' | 'none';

export interface RootfsSettings {
  rootfs_user?: string;
  rootfs_copy?: boolean;
}

export interface TagConfig extends RootfsSettings {
  name: string;
  versions: Record<string, string>;
  variables: Record<string, string>;
}

export interface VariantConfig extends RootfsSettings {
  name: string;
  tag_suffix: string;
  template?: string;
  test_template?: string;
  versions: Record<string, string>;
  variables: Record<string, string>;
}

export interface ImageConfig extends RootfsSettings {
  name?: string;
  description?: string;
  licenses?: string;
  is_base_image: boolean;
  template?: string;
  test_template?: string;
  version_scheme: VersionSchemeSetting;
  /** Opt-in `latest` alias pointing at the highest release tag (and `latest<suffix>` per variant). */
  latest: boolean;
  versions: Record<string, string>;
  variables: Record<string, string>;
  tags: TagConfig[];
  variants: VariantConfig[];
  /** Images this one builds on beyond its FROM lines (adds dependency edges only). */
  extends: string[];
  /** Explicit aliases: alias tag → target tag. */
  aliases: Record<string, string>;
}

/** Finds where a field of a parsed file was written, for error messages. Paths are keys and list indexes. */
export type Locator = (path: ReadonlyArray<string | number>) => SourceLocation;

/** One `image.yml` as read from disk. */
export interface ImageDefinitionFile {
  /** Path relative to the project root, with forward slashes (`images/python/3.13/image.yml`). */
  file: string;
  /** The version directory (the file's folder), relative to the project root. */
  dir: string;
  config: ImageConfig;
  locate: Locator;
}

export interface RegistryConfig {
  url: string;
  username?: string;
  password?: string;
  default: boolean;
  /** Plain HTTP / unverified TLS. Defaults to true only for loopback hosts. */
  insecure: boolean;
}

export type CacheConfig =
  | { type: 'none' }
  | { type: 'registry'; ref?: string }
  | { type: 'gha' }
  | {
      type: 's3';
      endpoint?: string;
      bucket: string;
      region: string;
      access_key?: string;
      secret_key?: string;
      use_path_style: boolean;
    };

export interface LabelsConfig {
  vendor?: string;
  authors?: string;
  url?: string;
  documentation?: string;
  licenses?: string;
}

export interface PlatformConfig {
  /** `linux/amd64`, `linux/arm64`, `linux/arm/v7`, … */
  name: string;
  /** GitHub `runs-on` label for this platform's native runner. */
  github_runner?: string;
  /** GitLab runner tags for this platform. */
  gitlab_tags?: string[];
}

export interface CiConfig {
  provider?: 'github' | 'gitlab';
  /** The PoC's custom pipeline template folder (accepted for migration; see the README). */
  template?: string;
  output?: string;
  /** Docker image the GitLab jobs run in. */
  image?: string;
  /** `owner/repo@ref` our generated GitHub workflow uses for its actions. */
  actions_ref?: string;
  /** Third-party actions pinned by commit SHA, e.g. `actions/checkout: <sha> # v4.2.2`. */
  pins: Record<string, string>;
  artifacts: boolean;
}

export interface ProjectConfig {
  /** Where `generate` writes (default `dist`). */
  dist_dir: string;
  /** Where image definitions live (default `images`). */
  images_dir: string;
  registries: RegistryConfig[];
  cache: CacheConfig;
  labels: LabelsConfig;
  platforms: PlatformConfig[];
  builder?: 'buildah' | 'docker' | 'buildctl';
  ci: CiConfig;
  /** Upstream base images substituted at generate time (`debian:bookworm-slim` → `127.0.0.1:5050/library/debian:bookworm-slim`). */
  upstream: Record<string, string>;
  /** Where the file was (undefined when the project has none and defaults apply). */
  file?: string;
  locate?: Locator;
}
