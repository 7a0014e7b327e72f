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
  type CredentialProvider,
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
  return new RegistryClient({
    fetch: context.fetch,
    logger: context.logger,
    credentials: credentialsFromConfig(context),
    insecureRegistries: insecureRegistryHosts(context.config),
  });
}

/** The credential chain every registry user of a run shares: config, Docker config (+ helpers), CI defaults. */
export function credentialsFromConfig(context: Omit<RegistryContext, 'fetch'>): CredentialProvider {
  const { config, env, exec, logger } = context;
  return chainCredentials(
    explicitCredentials(config.registries),
    dockerConfigCredentials({ exec, logger, env }),
    ciCredentials(env),
  );
}

/** Hosts (with port) of the configured registries that are reached over plain HTTP. */
export function insecureRegistryHosts(config: ProjectConfig): string[] {
  return config.registries.filter((r) => r.insecure).map((r) => registryHostOf(r.url));
}
