/**
 * Warnings about the merged rootfs that never fail a run: files whose names suggest a secret (every file in the
 * rootfs ends up in an image layer that anyone who can pull the image can read), and setuid/setgid files, which
 * keep those bits in the image. Only regular files are checked: a symlink such as `server.key -> /run/secrets/key`
 * carries no secret itself and is the recommended way to point at one mounted at run time.
 */
import { PlannedEntry, DisplayPath } from './merge-plan';
import { compareCodeUnits } from './walk-level';

export interface RootfsWarning {
  /** Path inside the rootfs, `/`-separated. */
  path: string;
  /** The source file that causes it (relative to the display root), for annotations that point at a file. */
  source: string;
  message: string;
}

const SENSITIVE_NAMES = [
  '.env',
  'id_rsa',
  'id_dsa',
  'id_ecdsa',
  'id_ed25519',
  '.npmrc',
  '.netrc',
  '.pgpass',
  '.git-credentials',
  'credentials.json',
];
const SENSITIVE_EXTENSIONS = ['.key', '.pem', '.p12', '.pfx'];
const SENSITIVE_PREFIXES = ['.env.'];

/** The pattern a file name matches (`*.key`, `.env.*`, `id_rsa`, …), case-insensitively, or undefined. */
export function sensitiveFilePattern(fileName: string): string | undefined {
  const name = fileName.toLowerCase();
  if (SENSITIVE_NAMES.includes(name)) return name;
  const extension = SENSITIVE_EXTENSIONS.find((suffix) => name.endsWith(suffix));
  if (extension) return `*${extension}`;
  const prefix = SENSITIVE_PREFIXES.find((start) => name.startsWith(start));
  return prefix ? `${prefix}*` : undefined;
}

export function rootfsWarnings(entries: Map<string, PlannedEntry>, display: DisplayPath): RootfsWarning[] {
  const warnings: RootfsWarning[] = [];
  for (const relativePath of [...entries.keys()].sort(compareCodeUnits)) {
    const entry = entries.get(relativePath) as PlannedEntry;
    if (entry.kind !== 'file') continue;
    const origin = `"${relativePath}" (from ${display(entry.level)})`;
    const source = display(entry.sourcePath);
    const pattern = sensitiveFilePattern(relativePath.slice(relativePath.lastIndexOf('/') + 1));
    if (pattern) {
      warnings.push({
        path: relativePath,
        source,
        message:
          `rootfs file ${origin} looks like a secret (matches "${pattern}") and would be readable in the image: ` +
          'if this is a secret, remove it; secrets belong in build secrets, not in image layers',
      });
    }
    const bits = [entry.sourceMode & 0o4000 ? 'setuid' : '', entry.sourceMode & 0o2000 ? 'setgid' : ''].filter(Boolean);
    if (bits.length > 0) {
      warnings.push({
        path: relativePath,
        source,
        message:
          `rootfs file ${origin} has the ${bits.join(' and ')} bit (mode ${entry.sourceMode.toString(8).padStart(4, '0')}), ` +
          'which is dropped (rootfs modes are normalised to 0644/0755 as git stores them): set it with RUN chmod in the Dockerfile if it is intended',
      });
    }
  }
  return warnings;
}
