/**
 * The contract between the build orchestration (which tags, which order, which platforms) and the tools that turn
 * one build context into one pushed single-platform image: "build this context for this platform, push it, tell
 * me the digest". Every builder (buildah, Docker/BuildKit, buildctl) implements the same interface, so the
 * orchestration never needs to know which one runs.
 */
import type { Exec } from '../shared/exec';
import type { Logger } from '../shared/logger';
import type { CacheSettings } from './cache-settings';

export type BuilderKind = 'buildah' | 'docker' | 'buildctl';
export const BUILDER_KINDS: readonly BuilderKind[] = ['buildah', 'docker', 'buildctl'];

export interface BuildRequest {
  /** Absolute path of the build context. */
  contextDir: string;
  /** Absolute path of the Dockerfile (may live outside the context). */
  dockerfile: string;
  /** Normalised platform, e.g. `linux/arm64` (see platform.ts). */
  platform: string;
  /** Where the single-platform image is pushed, e.g. `127.0.0.1:5050/python:3.13.7-mr-1-linux-arm64`. */
  pushRef: string;
  labels: Record<string, string>;
  buildArgs: Record<string, string>;
  /** Seconds since the epoch; image and layer timestamps are clamped to it so equal inputs give equal digests. */
  sourceDateEpoch?: number;
  cache: CacheSettings;
  /** Do not import any cache (local or remote). A configured remote cache is still refreshed. */
  noCache: boolean;
  /** Registry hosts (`host[:port]`) spoken to over plain HTTP / without TLS verification. */
  insecureRegistries: string[];
  /** Also write the image as a docker-archive tar here (for SBOM tools and `docker load`). */
  archivePath?: string;
  /** `always`: re-resolve base images even when present locally. Default: the builder's own default. */
  pull?: 'always' | 'missing';
}

export interface BuildResult {
  /** Digest of the manifest as stored in the registry (not the local image id, which differs). */
  digest: string;
  /** The tag reference that was pushed (equals the request's pushRef). */
  pushedRef: string;
  builder: BuilderKind;
  durationMs: number;
  archivePath?: string;
}

export interface Builder {
  readonly kind: BuilderKind;
  /** Human-readable description for logs, e.g. `buildah 1.28.2 (isolation chroot)`. */
  describe(): string;
  /** Cache backends this builder can import from and export to. */
  readonly supportedCacheTypes: readonly CacheSettings['type'][];
  /** Builds, pushes and returns the pushed digest; throws OperationError (with the tool's output tail) on failure. */
  build(request: BuildRequest, log: Logger): Promise<BuildResult>;
}

/** What every builder needs from its surroundings: a way to run programs and the environment they see. */
export interface BuilderEnvironment {
  exec: Exec;
  env: NodeJS.ProcessEnv;
}
