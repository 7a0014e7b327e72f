/**
 * The registries a build may reach without TLS: the ones marked insecure in .image-manager.yml (loopback by
 * default) plus loopback registries that upstream bases are mapped to (`upstream:` → 127.0.0.1:5050/library/…),
 * since a registry on this machine is plain HTTP unless someone set up certificates for it.
 */
import type { Catalog } from '../generate/catalog';
import { insecureRegistryHosts } from '../publish/registry-from-config';
import { isLoopbackHost, tryParseReference } from '../registry/reference';

export function buildInsecureRegistries(catalog: Catalog): string[] {
  const hosts = new Set(insecureRegistryHosts(catalog.config));
  for (const image of catalog.images) {
    for (const tag of image.tags) {
      for (const ref of tag.upstreamBases) {
        const parsed = tryParseReference(ref);
        if (parsed.ok && isLoopbackHost(parsed.reference.registry)) hosts.add(parsed.reference.registry);
      }
    }
  }
  return [...hosts].sort();
}
