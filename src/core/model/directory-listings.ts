/**
 * What exists in the project's folders, read once per catalog load: template discovery tries up to eight names in
 * two folders for every definition and variant, and nearly all of them are absent. One readdir per folder answers
 * all of them, where an existsSync + statSync per candidate cost up to two system calls each. Create one per load
 * and drop it afterwards: files changed later are not seen.
 *
 * Names are matched exactly as stored, so lookups are case-sensitive even on a case-insensitive file system, as
 * they are on the Linux machines that build the images.
 */
import { Dirent, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';

export type EntryKind = 'file' | 'directory' | 'other' | 'missing';

export class DirectoryListings {
  /** Folder → its entries by name; null when it cannot be listed (no read permission), so each lookup stats. */
  private readonly listings = new Map<string, Map<string, Dirent> | null>();

  isFile(file: string): boolean {
    return this.kindOf(file) === 'file';
  }

  isDirectory(dir: string): boolean {
    return this.kindOf(dir) === 'directory';
  }

  /**
   * What `target` (an absolute, normalised path, as path.resolve and path.join give) is, following symlinks like
   * statSync does (a dangling link is missing).
   */
  kindOf(target: string): EntryKind {
    const listing = this.list(path.dirname(target));
    if (listing) {
      const entry = listing.get(path.basename(target));
      if (!entry) return 'missing';
      if (entry.isFile()) return 'file';
      if (entry.isDirectory()) return 'directory';
    }
    // A symlink, a file system that does not report entry types, or an unreadable folder: ask about the target.
    return statKind(target);
  }

  private list(dir: string): Map<string, Dirent> | null {
    let listing = this.listings.get(dir);
    if (listing === undefined) {
      listing = readListing(dir);
      this.listings.set(dir, listing);
    }
    return listing;
  }
}

/** A folder that is missing, or not a folder, has no entries; one we may not read is looked into name by name. */
function readListing(dir: string): Map<string, Dirent> | null {
  try {
    return new Map(readdirSync(dir, { withFileTypes: true }).map((entry) => [entry.name, entry]));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return new Map();
    return null;
  }
}

/** Like existsSync + statSync: anything that cannot be stat'ed (dangling or looping link, no access) is missing. */
function statKind(target: string): EntryKind {
  try {
    const stats = statSync(target);
    return stats.isFile() ? 'file' : stats.isDirectory() ? 'directory' : 'other';
  } catch {
    return 'missing';
  }
}
