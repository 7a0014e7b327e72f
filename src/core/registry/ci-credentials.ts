/**
 * Credentials CI systems hand every job: GitHub Actions' `GITHUB_TOKEN` for ghcr.io and GitLab's
 * `CI_REGISTRY_USER`/`CI_REGISTRY_PASSWORD` for the project's registry, so publishing works with no setup.
 */
import { basicCredentials, registryHostOf, type CredentialProvider, type RegistryCredentials } from './credentials';

export function ciCredentials(env: NodeJS.ProcessEnv = process.env): CredentialProvider {
  const byHost = new Map<string, RegistryCredentials>();
  if (env.GITHUB_TOKEN) {
    // ghcr.io accepts any user name with a token; the actor keeps audit logs meaningful.
    byHost.set('ghcr.io', basicCredentials(env.GITHUB_ACTOR || 'github-actions', env.GITHUB_TOKEN));
  }
  if (env.CI_REGISTRY && env.CI_REGISTRY_USER && env.CI_REGISTRY_PASSWORD) {
    byHost.set(registryHostOf(env.CI_REGISTRY), basicCredentials(env.CI_REGISTRY_USER, env.CI_REGISTRY_PASSWORD));
  }
  return {
    name: 'CI environment',
    credentialsFor: async (registry) => byHost.get(registryHostOf(registry)),
  };
}
