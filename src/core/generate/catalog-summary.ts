import type { CatalogSummary } from '../model/catalog-summary';
import type { Catalog } from './catalog';

/** The `list --json` / `dist/catalog.json` contract (src/core/model/catalog-summary.ts) from the catalog. */
export function summariseCatalog(
  catalog: Catalog,
): CatalogSummary & { registry: string; snapshotId: string | null; platforms: string[] } {
  const distDir = catalog.config.dist_dir.replace(/\/+$/, '');
  return {
    registry: catalog.registry,
    snapshotId: catalog.snapshotId ?? null,
    platforms: catalog.config.platforms.map((p) => p.name),
    order: catalog.images.map((i) => i.name),
    images: catalog.images.map((image) => ({
      name: image.name,
      ...(image.resolved.description !== undefined ? { description: image.resolved.description } : {}),
      isBaseImage: image.resolved.isBaseImage,
      dependsOn: image.dependsOn,
      tags: image.tags.map((t) => ({
        name: t.resolved.name,
        variant: t.resolved.variant?.name ?? null,
        versions: t.resolved.versions,
        variables: t.resolved.variables,
        baseTag: t.resolved.variant ? t.resolved.baseTagName : null,
        dockerfile: `${distDir}/${image.name}/${t.resolved.name}/Dockerfile`,
      })),
      aliases: Object.fromEntries(
        [...image.aliases].sort((a, b) => (a.alias < b.alias ? -1 : 1)).map((a) => [a.alias, a.target]),
      ),
    })),
  };
}
