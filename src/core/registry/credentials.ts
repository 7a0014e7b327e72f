/**
 * Where registry credentials come from. A CredentialProvider answers "which credentials for this registry host?";
 * the explicit one is fed from `.image-manager.yml` `registries`, others read the Docker config file or CI
 * variables, and a chain asks them in order. Every secret handed out is registered for redaction first.
 */
import { registerSecret } from '../shared/redact';
import { DOCKER_HUB } from './reference';

export type RegistryCredentials =
  | { kind: 'basic'; username: string; password: string }
  /** An OAuth2 refresh token (Docker's `identitytoken`), exchanged at the token endpoint. */
  | { kind: 'identity-token'; token: string };

export interface CredentialProvider {
  /** For logs: where the credentials came from (`docker config /root/.docker/config.json`). */
  readonly name: string;
  /** Credentials for a registry host as written in references (`ghcr.io`, `127.0.0.1:5050`, `docker.io`). */
  credentialsFor(registry: string): Promise<RegistryCredentials | undefined>;
}

const DOCKER_HUB_KEYS = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);

/**
 * The registry host a configured URL or Docker config key stands for: scheme, path and trailing slash removed,
 * Docker Hub's many spellings (`https://index.docker.io/v1/`) folded into `docker.io`.
 */
export function registryHostOf(urlOrHost: string): string {
  const withoutScheme = urlOrHost.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const host = withoutScheme.split('/')[0];
  return DOCKER_HUB_KEYS.has(host.toLowerCase()) ? DOCKER_HUB : host;
}

export function basicCredentials(username: string, password: string): RegistryCredentials {
  registerSecret(password);
  registerSecret(Buffer.from(`${username}:${password}`).toString('base64'));
  return { kind: 'basic', username, password };
}

export function identityTokenCredentials(token: string): RegistryCredentials {
  registerSecret(token);
  return { kind: 'identity-token', token };
}

/** A registry entry as configured in `.image-manager.yml` (the fields the client needs). */
export interface ConfiguredRegistryCredentials {
  url: string;
  username?: string;
  password?: string;
}

/** Credentials written in the project configuration; entries without both username and password are skipped. */
export function explicitCredentials(
  registries: ConfiguredRegistryCredentials[],
  name = '.image-manager.yml',
): CredentialProvider {
  const byHost = new Map<string, RegistryCredentials>();
  for (const entry of registries) {
    if (!entry.username || !entry.password) continue;
    const host = registryHostOf(entry.url);
    if (!byHost.has(host)) byHost.set(host, basicCredentials(entry.username, entry.password));
  }
  return { name, credentialsFor: async (registry) => byHost.get(registryHostOf(registry)) };
}

export const anonymousCredentials: CredentialProvider = {
  name: 'anonymous',
  credentialsFor: async () => undefined,
};

/** Asks each provider in order; the first that has credentials for a registry wins. Answers are remembered. */
export function chainCredentials(...providers: CredentialProvider[]): CredentialProvider {
  const answers = new Map<string, Promise<RegistryCredentials | undefined>>();
  const lookup = async (registry: string): Promise<RegistryCredentials | undefined> => {
    for (const provider of providers) {
      const found = await provider.credentialsFor(registry);
      if (found) return found;
    }
    return undefined;
  };
  return {
    name: providers.map((p) => p.name).join(', '),
    credentialsFor: (registry) => {
      const key = registryHostOf(registry);
      let answer = answers.get(key);
      if (!answer) {
        answer = lookup(key);
        answers.set(key, answer);
      }
      return answer;
    },
  };
}
