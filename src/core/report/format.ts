/** How numbers and references read on the pages: binary units with their exact value nearby, no locale. */

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${UNITS[unit]}`;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
}

/** `linux/arm64` → `arm64`: the short form where the OS is the same for every platform. */
export function shortPlatform(platform: string): string {
  return platform.startsWith('linux/') ? platform.slice('linux/'.length) : platform;
}

/** The multi-platform reference users pull (PoC §5.10: a snapshot suffixes the tag). */
export function pullReference(
  registry: string | null,
  snapshotId: string | null,
  image: string,
  tag: string,
): string | null {
  if (registry === null) return null;
  const suffix = snapshotId ? `-${snapshotId}` : '';
  return `${registry.replace(/\/+$/, '')}/${image}:${tag}${suffix}`;
}

/** `sha256:0123456789ab…`: enough to tell digests apart at a glance. */
export function shortDigest(digest: string): string {
  const [algorithm, hex] = digest.includes(':') ? digest.split(':', 2) : ['', digest];
  const short = hex.length > 12 ? `${hex.slice(0, 12)}…` : hex;
  return algorithm ? `${algorithm}:${short}` : short;
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
