/**
 * Safe, stable name fragments for job ids and artifact names. GitHub job ids allow only `[A-Za-z0-9_-]` and must
 * start with a letter or `_`; artifact names reject `/`; GitLab caps job names at 255 characters. Image names may
 * contain `/` and `.` (registry repositories), so every fragment goes through `slug`, and `SlugAllocator` keeps
 * two names that slug alike (`a.b`, `a-b`) apart.
 */
import { createHash } from 'node:crypto';

/** Longest fragment kept verbatim; longer ones are cut and suffixed with a hash so they stay unique. */
const MAX_SLUG = 60;

export function slug(text: string): string {
  let result = text
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  if (!/^[A-Za-z_]/.test(result)) result = `i-${result}`;
  if (result.length > MAX_SLUG) result = `${result.slice(0, MAX_SLUG - 9)}-${shortHash(text)}`;
  return result;
}

/** `linux/arm/v7` → `linux-arm-v7`. */
export function platformSlug(platform: string): string {
  return slug(platform);
}

export function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 8);
}

/** Hands out one slug per name; a name whose slug is taken gets the slug plus a hash of the name. */
export class SlugAllocator {
  private readonly byName = new Map<string, string>();
  private readonly taken = new Set<string>();

  constructor(reserved: Iterable<string> = []) {
    for (const word of reserved) this.taken.add(word);
  }

  /** The slug for an image (or any name). */
  get(name: string): string {
    return this.claim(slug(name), name);
  }

  /** A free id starting with `base` for `identity`; the same identity always gets the same id. */
  claim(base: string, identity: string): string {
    const known = this.byName.get(identity);
    if (known !== undefined) return known;
    let result = base;
    for (let attempt = 0; this.taken.has(result); attempt++) {
      result = `${base.slice(0, MAX_SLUG - 9)}-${shortHash(`${identity}#${attempt}`)}`;
    }
    this.byName.set(identity, result);
    this.taken.add(result);
    return result;
  }
}
