/**
 * A registry client for looking up upstream base digests, which are only nice to have: one attempt and short
 * timeouts, so an unreachable upstream registry (an offline machine, a firewalled CI) costs seconds, not the
 * minutes the publishing client's retries would take. Same credentials as every other registry call.
 */
import type { ProjectConfig } from '../config/types';
import { credentialsFromConfig, insecureRegistryHosts } from '../publish/registry-from-config';
import { RegistryClient } from '../registry';
import type { Exec } from '../shared/exec';
import type { Logger } from '../shared/logger';

export function upstreamLookupClient(
  config: ProjectConfig,
  env: NodeJS.ProcessEnv,
  exec: Exec,
  logger: Logger,
): RegistryClient {
  return new RegistryClient({
    logger,
    credentials: credentialsFromConfig({ config, env, exec, logger }),
    insecureRegistries: insecureRegistryHosts(config),
    retry: { maxAttempts: 1, maxTotalMs: 5000 },
    idleTimeoutMs: 5000,
  });
}
