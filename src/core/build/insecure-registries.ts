/**
 * Which registries a build may talk to without TLS verification. Only the hosts the caller lists: a build that
 * also pulls from Docker Hub or ghcr.io must keep verifying those (a global `--tls-verify=false` would not).
 */
import { parseReference } from '../registry/reference';

/** The registry host of an image reference (`127.0.0.1:5050/a/b:1` → `127.0.0.1:5050`, `debian` → `docker.io`). */
export function registryOf(ref: string): string {
  return parseReference(ref).registry;
}

/** True when `registry` is listed, either exactly (`host:port`) or by host alone (an entry without a port). */
export function isInsecureRegistry(registry: string, insecureRegistries: readonly string[]): boolean {
  const host = hostWithoutPort(registry);
  return insecureRegistries.some((entry) => {
    const normalised = entry.replace(/^[a-z]+:\/\//i, '').replace(/\/+$/, '');
    return normalised === registry || (!hasPort(normalised) && normalised === host);
  });
}

export function isInsecureRef(ref: string, insecureRegistries: readonly string[]): boolean {
  return isInsecureRegistry(registryOf(ref), insecureRegistries);
}

function hostWithoutPort(registry: string): string {
  if (registry.startsWith('[')) return registry.slice(0, registry.indexOf(']') + 1);
  return registry.split(':')[0];
}

function hasPort(entry: string): boolean {
  return entry.startsWith('[') ? /\]:\d+$/.test(entry) : entry.includes(':');
}
