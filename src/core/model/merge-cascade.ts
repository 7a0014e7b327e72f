/**
 * The image → tag → variant cascade: later levels win, key order is first appearance (so the catalog's versions
 * table lists image-level keys first). rootfs settings cascade the same way; the PoC skipped the tag level for
 * variant tags, so a tag's `rootfs_user` was lost on its variants.
 */
import type { RootfsSettings } from '../config/types';

export const DEFAULT_ROOTFS_USER = '0:0';

export function mergeMaps(...levels: Array<Record<string, string> | undefined>): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const level of levels) {
    if (level) for (const [key, value] of Object.entries(level)) merged[key] = value;
  }
  return merged;
}

export function cascadeRootfs(...levels: Array<RootfsSettings | undefined>): { user: string; copy: boolean } {
  let user = DEFAULT_ROOTFS_USER;
  let copy = true;
  for (const level of levels) {
    if (level?.rootfs_user !== undefined) user = level.rootfs_user;
    if (level?.rootfs_copy !== undefined) copy = level.rootfs_copy;
  }
  return { user, copy };
}
