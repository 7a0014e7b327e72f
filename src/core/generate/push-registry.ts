import type { ProjectConfig } from '../config/types';

/** The default embedded registry when a project configures none (`image-manager start registry`). */
export const LOCAL_REGISTRY = '127.0.0.1:5050';

/** The registry images are pushed to: the one marked `default`, else the first, else the embedded local one. */
export function pushRegistry(config: ProjectConfig): string {
  const chosen = config.registries.find((r) => r.default) ?? config.registries[0];
  return (chosen?.url ?? LOCAL_REGISTRY).replace(/\/+$/, '');
}
