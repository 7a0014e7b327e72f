/**
 * Turns a schema-valid image.yml into an ImageConfig with its defaults applied. rootfs_user / rootfs_copy stay
 * undefined when not written: the model cascades them image → tag → variant and needs to know what was set.
 */
import type { ImageConfig, RootfsSettings, TagConfig, VariantConfig, VersionSchemeSetting } from './types';

interface RawRootfs {
  rootfs_user?: string;
  rootfs_copy?: boolean;
}

interface RawTag extends RawRootfs {
  name: string;
  versions?: Record<string, string>;
  variables?: Record<string, string>;
}

interface RawVariant extends RawTag {
  tag_suffix: string;
  template?: string;
  test_template?: string;
}

/** The shape image.schema.json guarantees. */
export interface RawImageConfig extends RawRootfs {
  name?: string;
  description?: string;
  licenses?: string;
  is_base_image?: boolean;
  template?: string;
  test_template?: string;
  version_scheme?: VersionSchemeSetting;
  latest?: boolean;
  versions?: Record<string, string>;
  variables?: Record<string, string>;
  tags: RawTag[];
  variants?: RawVariant[];
  extends?: string | string[];
  aliases?: Record<string, string>;
}

function rootfs(raw: RawRootfs): RootfsSettings {
  const settings: RootfsSettings = {};
  if (raw.rootfs_user !== undefined) settings.rootfs_user = raw.rootfs_user;
  if (raw.rootfs_copy !== undefined) settings.rootfs_copy = raw.rootfs_copy;
  return settings;
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

function toTag(raw: RawTag): TagConfig {
  return { name: raw.name, versions: { ...raw.versions }, variables: { ...raw.variables }, ...rootfs(raw) };
}

function toVariant(raw: RawVariant): VariantConfig {
  return {
    name: raw.name,
    tag_suffix: raw.tag_suffix,
    ...optional('template', raw.template),
    ...optional('test_template', raw.test_template),
    versions: { ...raw.versions },
    variables: { ...raw.variables },
    ...rootfs(raw),
  };
}

export function toImageConfig(raw: RawImageConfig): ImageConfig {
  return {
    ...optional('name', raw.name),
    ...optional('description', raw.description),
    ...optional('licenses', raw.licenses),
    is_base_image: raw.is_base_image ?? false,
    ...optional('template', raw.template),
    ...optional('test_template', raw.test_template),
    version_scheme: raw.version_scheme ?? 'auto',
    latest: raw.latest ?? false,
    versions: { ...raw.versions },
    variables: { ...raw.variables },
    tags: raw.tags.map(toTag),
    variants: (raw.variants ?? []).map(toVariant),
    extends: raw.extends === undefined ? [] : [raw.extends].flat(),
    aliases: { ...raw.aliases },
    ...rootfs(raw),
  };
}
