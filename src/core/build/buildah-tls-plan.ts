/**
 * buildah has one TLS switch per command, not per registry (and 1.28 has no working per-invocation registries.conf
 * drop-in), yet a build may pull its base from Docker Hub (verify TLS) and its cache from a plain-HTTP registry.
 * The plan keeps verification exact: `bud` runs with the setting its cache registry needs (or the secure one), and
 * base images on registries that need the other setting are pulled beforehand with their own flag, so `bud` finds
 * them locally and never contacts those registries itself.
 */
import type { DockerfileImageRefs } from './dockerfile-refs';
import { isInsecureRef } from './insecure-registries';

export interface BuildahTlsPlan {
  /** false → `bud --tls-verify=false` (every registry bud contacts is insecure). */
  budTlsVerify: boolean;
  /** Images pulled before `bud`, each with the TLS setting of its registry. */
  prePull: Array<{ ref: string; tlsVerify: boolean }>;
  pushTlsVerify: boolean;
}

export interface BuildahTlsInput {
  images: DockerfileImageRefs;
  /** The registry cache repository, when the build uses one (bud contacts it directly). */
  cacheRef?: string;
  pushRef: string;
  insecureRegistries: readonly string[];
}

export function planBuildahTls(input: BuildahTlsInput): BuildahTlsPlan {
  const insecure = (ref: string) => isInsecureRef(ref, input.insecureRegistries);
  let budTlsVerify: boolean;
  if (input.cacheRef !== undefined) {
    // The cache is fetched by bud itself and cannot be pulled ahead of time.
    budTlsVerify = !insecure(input.cacheRef);
  } else if (input.images.unresolved.length > 0) {
    // Registries we cannot name keep the safe default.
    budTlsVerify = true;
  } else {
    budTlsVerify = input.images.refs.length === 0 || input.images.refs.some((ref) => !insecure(ref));
  }
  const prePull = input.images.refs
    .map((ref) => ({ ref, tlsVerify: !insecure(ref) }))
    .filter((entry) => entry.tlsVerify !== budTlsVerify);
  return { budTlsVerify, prePull, pushTlsVerify: !insecure(input.pushRef) };
}
