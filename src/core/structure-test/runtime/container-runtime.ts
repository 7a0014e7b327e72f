/**
 * What command tests need from a container runtime: load the image archive once, then run commands in a fresh
 * container of it, either one command (`runOnce`) or several in the same container (`withContainer`: setup steps,
 * the command, teardown steps). docker, podman and buildah implement it.
 */
import { randomBytes } from 'node:crypto';
import type { Exec } from '../../shared/exec';
import type { Logger } from '../../shared/logger';

export type RuntimeName = 'docker' | 'podman' | 'buildah';
export const RUNTIME_NAMES: readonly RuntimeName[] = ['docker', 'podman', 'buildah'];

export interface ProcessResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** The command was stopped because it ran longer than the timeout. */
  timedOut?: boolean;
}

/** How a test container is configured; applies to every command run in it. */
export interface ContainerSettings {
  /** Variables in order; later ones win. */
  env: Array<[string, string]>;
  user?: string;
  privileged?: boolean;
  capabilities?: string[];
  /** `host:container[:options]`, as `docker run -v` takes them. */
  bindMounts?: string[];
  /** `none` keeps tests hermetic; buildah's chroot isolation always shares the host network. */
  network: 'none' | 'host' | 'default';
  timeoutMs: number;
}

/** The image as the runtime knows it after loading. */
export interface LoadedImage {
  /** `sha256:<hex>`, the config digest: runtimes give a loaded image this id. */
  id: string;
  /** `linux/arm64` */
  platform: string;
}

export interface ContainerSession {
  exec(argv: string[]): Promise<ProcessResult>;
}

export interface ContainerRuntime {
  readonly name: RuntimeName;
  /** e.g. `podman 4.3.1`, for logs and the report. */
  readonly description: string;
  load(archive: { file: string; imageId: string; platform: string }): Promise<LoadedImage>;
  runOnce(image: LoadedImage, settings: ContainerSettings, argv: string[]): Promise<ProcessResult>;
  withContainer<T>(
    image: LoadedImage,
    settings: ContainerSettings,
    use: (session: ContainerSession) => Promise<T>,
  ): Promise<T>;
}

export interface RuntimeContext {
  exec: Exec;
  env: NodeJS.ProcessEnv;
  log: Logger;
}

/** A container name unique across parallel runs, recognisable in `docker ps` output. */
export function containerName(): string {
  return `image-manager-test-${randomBytes(6).toString('hex')}`;
}
