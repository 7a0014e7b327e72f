/** The shape config.schema.json guarantees for .image-manager.yml, before expansion and defaults. */

export interface RawRegistry {
  url?: string;
  username?: string;
  password?: string;
  default?: boolean;
  insecure?: boolean;
}

export interface RawCache {
  type?: 'none' | 'registry' | 's3' | 'gha';
  ref?: string;
  endpoint?: string;
  bucket?: string;
  region?: string;
  access_key?: string;
  secret_key?: string;
  use_path_style?: boolean;
}

export interface RawPlatform {
  name: string;
  github_runner?: string;
  gitlab_tags?: string[];
}

export interface RawProjectConfig {
  dist_dir?: string;
  images_dir?: string;
  registry?: RawRegistry;
  registries?: RawRegistry[];
  cache?: boolean | RawCache | null;
  labels?: Record<string, string>;
  ci?: {
    provider?: 'github' | 'gitlab';
    template?: string;
    output?: string;
    artifacts?: boolean;
    image?: string;
    actions_ref?: string;
    pins?: Record<string, string>;
  };
  platforms?: Array<string | RawPlatform>;
  builder?: 'buildah' | 'docker' | 'buildctl';
  upstream?: Record<string, string>;
}
