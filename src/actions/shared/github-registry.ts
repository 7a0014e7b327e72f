import { loadProjectConfig } from '../../core/config/load-project-config';
import { LOCAL_REGISTRY_URL, pushRegistry } from '../../core/config/registry-settings';
import { silentLogger } from '../../core/shared/logger';

/**
 * The value a step gives `IMAGE_MANAGER_REGISTRY` (src/core/config/registry-settings.ts), or undefined to leave the
 * push registry as it is. In order: the action's `registry` input; an `IMAGE_MANAGER_REGISTRY` the workflow already
 * sets; the registry .image-manager.yml declares; else `ghcr.io/<owner>`, which the job's GITHUB_TOKEN can push to.
 * A project whose push registry is the embedded 127.0.0.1:5050 counts as declaring none: that registry lives only
 * as long as one job, so on GitHub it can never be what later jobs pull from.
 */
export async function registryOverride(
  root: string,
  env: NodeJS.ProcessEnv,
  input: string | undefined,
): Promise<string | undefined> {
  if (input) return input;
  if (env.IMAGE_MANAGER_REGISTRY?.trim()) return undefined;
  const config = await loadProjectConfig(root, env, silentLogger);
  if (pushRegistry(config.registries).url !== LOCAL_REGISTRY_URL) return undefined;
  const owner = env.GITHUB_REPOSITORY_OWNER || env.GITHUB_REPOSITORY?.split('/')[0];
  // ghcr.io refuses upper-case repository names; GitHub owners may have them.
  return owner ? `ghcr.io/${owner.toLowerCase()}` : undefined;
}
