/**
 * One registry client per command run, configured from .image-manager.yml: credentials from the config, then the
 * Docker config file (and its credential helpers), then the CI defaults (GITHUB_TOKEN for ghcr.io, CI_REGISTRY_*
 * on GitLab); plain HTTP for registries marked insecure (loopback is always allowed).
 */
import type { ProjectConfig } from '../config/types';
import {
  chainCredentials,
  ciCredentials,
  dockerConfigCredentials,
  explicitCredentials,
  RegistryClient,
  registryHostOf,
} from '../registry';
import type { Exec } from '../shared/exec';
import type { Logger } from '../shared/logger';

export interface RegistryContext {
  config: ProjectConfig;
  env: NodeJS.ProcessEnv;
  exec: Exec;
  logger: Logger;
  /** Injected in tests (fault proxies, request counting). */
  fetch?: typeof fetch;
}

export function registryClientFromConfig(context: RegistryContext): RegistryClient {
  const { config, env, exec, logger } = context;
  return new RegistryClient({
    fetch: context.fetch,
    logger,
    credentials: chainCredentials(
      explicitCredentials(config.registries),
      dockerConfigCredentials({ exec, logger, env }),
      ciCredentials(env),
    ),
    insecureRegistries: insecureRegistryHosts(config),
  });
}

/** Hosts (with port) of the configured registries that are reached over plain HTTP. */
export function insecureRegistryHosts(config: ProjectConfig): string[] {
  return config.registries.filter((r) => r.insecure).map((r) => registryHostOf(r.url));
}
