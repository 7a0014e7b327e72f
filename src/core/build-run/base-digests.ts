/**
 * Where a build's base images come from, by digest. A catalog base is the parent's per-platform image built
 * earlier in this run, or else the one the registry holds for this snapshot (the parent was built by another job or
 * an earlier run); a missing one is an error naming the build to run. Upstream bases are recorded when one cheap
 * HEAD request can tell their digest; an unreachable upstream registry only costs that request.
 */
import type { CatalogReference } from '../generate/catalog';
import { parseReference, type RegistryClient } from '../registry';
import { OperationError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import { platformImageRef } from './base-pins';

export interface ResolvedBase {
  /** The catalog reference as written in dist/ (`127.0.0.1:5050/base:2026.11`). */
  ref: string;
  /** What the build uses instead: `127.0.0.1:5050/base:2026.11-linux-amd64@sha256:…`. */
  pinned: string;
  digest: string;
  from: 'this run' | 'registry';
}

export interface BaseDigestResolverOptions {
  client: RegistryClient;
  /** For upstream lookups: a client that gives up quickly (one attempt, short timeouts). Default: `client`. */
  upstreamClient?: RegistryClient;
  logger: Logger;
  upstreamTimeoutMs?: number;
}

export class BaseDigestResolver {
  private readonly built = new Map<string, string>();
  private readonly upstream = new Map<string, Promise<string | undefined>>();

  constructor(private readonly options: BaseDigestResolverOptions) {}

  /** Remembers a per-platform image pushed in this run, so children build on exactly it. */
  recordBuilt(platformRef: string, digest: string): void {
    this.built.set(platformRef, digest);
  }

  async catalogBase(base: CatalogReference, platform: string): Promise<ResolvedBase> {
    const platformRef = platformImageRef(base.ref, platform);
    const builtNow = this.built.get(platformRef);
    if (builtNow) return { ref: base.ref, pinned: `${platformRef}@${builtNow}`, digest: builtNow, from: 'this run' };
    let info;
    try {
      info = await this.options.client.headManifest(parseReference(platformRef));
    } catch (error) {
      throw new OperationError(`cannot look up the base image ${platformRef}: ${(error as Error).message}`, {
        cause: error,
      });
    }
    if (!info) {
      throw new OperationError(
        `the base ${base.image}:${base.tag} has no ${platform} image in the registry (${platformRef} does not exist): ` +
          `build it first (image-manager build ${base.image}:${base.tag} --platform ${platform}${snapshotFlag(base)}), ` +
          'or build both in one run',
      );
    }
    return { ref: base.ref, pinned: `${platformRef}@${info.digest}`, digest: info.digest, from: 'registry' };
  }

  /** The digest an upstream reference points at now, or undefined when it cannot be found out quickly. */
  upstreamDigest(ref: string): Promise<string | undefined> {
    let pending = this.upstream.get(ref);
    if (!pending) {
      pending = this.lookUpUpstream(ref);
      this.upstream.set(ref, pending);
    }
    return pending;
  }

  private async lookUpUpstream(ref: string): Promise<string | undefined> {
    const digestInRef = /@(sha256:[0-9a-f]{64})$/.exec(ref)?.[1];
    if (digestInRef) return digestInRef;
    const client = this.options.upstreamClient ?? this.options.client;
    const timeoutMs = this.options.upstreamTimeoutMs ?? 5000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), timeoutMs);
      timer.unref();
    });
    try {
      const info = await Promise.race([client.headManifest(parseReference(ref)), timeout]);
      if (!info)
        this.options.logger.debug(`upstream base ${ref}: no digest (not found or no answer in ${timeoutMs} ms)`);
      return info?.digest;
    } catch (error) {
      this.options.logger.debug(`upstream base ${ref}: digest unknown (${(error as Error).message})`);
      return undefined;
    } finally {
      if (timer) clearTimeout(timer);
    }
  }
}

function snapshotFlag(base: CatalogReference): string {
  const suffix = base.ref.slice(base.ref.lastIndexOf(':') + 1).slice(base.tag.length);
  return suffix.startsWith('-') ? ` --snapshot-id ${suffix.slice(1)}` : '';
}
