/**
 * What landed in the registry, read with skopeo (an independent tool: the CLI cannot agree with itself about
 * what it pushed). The digest is computed here from the bytes the registry serves.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { containersEnv } from '../../support/containers-env';

export interface RegistryEntry {
  digest: string;
  mediaType: string;
  /** `os/architecture` of each entry of an index (empty for a single-platform manifest). */
  platforms: string[];
}

/** The manifest behind `ref`, or null when the tag does not exist. `creds` is `user:password`. */
export function inspectRef(ref: string, creds?: string): RegistryEntry | null {
  let raw: string;
  const auth = creds ? ['--creds', creds] : [];
  try {
    raw = execFileSync('skopeo', ['inspect', '--raw', '--tls-verify=false', ...auth, `docker://${ref}`], {
      env: containersEnv(),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? '');
    if (/manifest unknown|not found/i.test(stderr)) return null;
    throw error;
  }
  const manifest = JSON.parse(raw) as {
    mediaType?: string;
    manifests?: Array<{ platform?: { os: string; architecture: string } }>;
  };
  return {
    digest: `sha256:${createHash('sha256').update(raw).digest('hex')}`,
    mediaType: manifest.mediaType ?? '',
    platforms: (manifest.manifests ?? [])
      .map((entry) => `${entry.platform?.os}/${entry.platform?.architecture}`)
      .sort(),
  };
}
