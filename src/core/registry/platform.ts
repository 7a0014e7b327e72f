/**
 * Platforms as `os/architecture[/variant]` strings (what `--platform` and catalogs show) and the platform object of
 * an image config blob, with a total order so generated indexes list platforms the same way every time.
 */
import type { Platform } from './manifest';

/** `linux/arm64/v8`; a Windows `os.version` is appended after a colon (`windows/amd64:10.0.17763.1`). */
export function formatPlatform(platform: Platform): string {
  let text = `${platform.os}/${platform.architecture}`;
  if (platform.variant) text += `/${platform.variant}`;
  if (platform['os.version']) text += `:${platform['os.version']}`;
  return text;
}

export function comparePlatforms(a: Platform, b: Platform): number {
  const x = formatPlatform(a);
  const y = formatPlatform(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * The platform of an image from its config blob (OCI and Docker configs carry the same fields). Keys are written
 * in a fixed order so the index built from it is byte-for-byte reproducible.
 */
export function platformFromConfig(config: unknown): Platform {
  const c = (typeof config === 'object' && config !== null ? config : {}) as Record<string, unknown>;
  if (typeof c.architecture !== 'string' || typeof c.os !== 'string' || !c.architecture || !c.os) {
    throw new Error('the image config has no "os"/"architecture"');
  }
  const platform: Platform = { architecture: c.architecture, os: c.os };
  if (typeof c['os.version'] === 'string' && c['os.version']) platform['os.version'] = c['os.version'];
  if (Array.isArray(c['os.features']) && c['os.features'].length > 0) {
    platform['os.features'] = c['os.features'].filter((f): f is string => typeof f === 'string');
  }
  if (typeof c.variant === 'string' && c.variant) platform.variant = c.variant;
  return platform;
}

/** Whether `linux/arm64` (no variant: any) or `linux/arm/v7` (exact variant) describes the platform. */
export function platformMatches(wanted: string, platform: Platform): boolean {
  const [os, architecture, variant] = wanted.split(':')[0].split('/');
  if (os !== platform.os || architecture !== platform.architecture) return false;
  return variant === undefined || variant === (platform.variant ?? '');
}
