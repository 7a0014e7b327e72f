/**
 * Config → catalog: loads .image-manager.yml and every image.yml, resolves the model, computes aliases, renders
 * every tag and orders the images by their FROM graph. All problems found on the way are reported together as
 * one ConfigError; nothing is written here.
 */
import * as path from 'node:path';
import { loadImageDefinitions } from '../config/load-image-definitions';
import { loadProjectConfig } from '../config/load-project-config';
import { pushRegistry } from '../config/registry-settings';
import type { ProjectConfig } from '../config/types';
import { depths, topologicalOrder } from '../graph/topological-order';
import { resolveAliases } from '../model/aliases';
import { resolveImages } from '../model/resolve-images';
import type { ResolvedImage } from '../model/resolved';
import type { ReferenceableImage } from '../render/image-reference';
import { ConfigError, ProblemCollector, type Problem } from '../shared/errors';
import type { Logger } from '../shared/logger';
import type { AliasEntry, Catalog, CatalogImage } from './catalog';
import { renderTags } from './render-catalog';
import { validateSnapshotId } from './snapshot-id';

export interface LoadCatalogOptions {
  root: string;
  env: NodeJS.ProcessEnv;
  snapshotId?: string;
  logger: Logger;
  /** Already loaded project config (commands that need it first pass it to avoid reading twice). */
  config?: ProjectConfig;
}

export async function loadCatalog(options: LoadCatalogOptions): Promise<Catalog> {
  const root = path.resolve(options.root);
  const snapshotId = options.snapshotId ? validateSnapshotId(options.snapshotId) : undefined;
  const config = options.config ?? (await loadProjectConfig(root, options.env, options.logger));
  const definitions = await loadImageDefinitions(root, config.images_dir);
  const problems = new ProblemCollector();
  const { images, problems: resolveProblems } = resolveImages(definitions, { root, imagesDir: config.images_dir });
  problems.addAll(resolveProblems);

  const aliasesByImage = new Map<string, AliasEntry[]>();
  const schemes = new Map<string, string>();
  for (const image of images) {
    const result = resolveAliases({
      image: image.name,
      scheme: image.versionScheme,
      latest: image.latest,
      tags: image.tags.map((t) => ({
        tag: t.name,
        version: t.baseTagName,
        family: t.variant?.suffix ?? '',
        source: t.source,
      })),
      explicit: image.explicitAliases,
    });
    problems.addAll(result.problems);
    aliasesByImage.set(image.name, result.aliases);
    schemes.set(image.name, result.scheme);
  }

  const registry = pushRegistry(config.registries).url.replace(/\/+$/, '');
  const referenceable = new Map<string, ReferenceableImage>(
    images.map((image) => [image.name, referenceableImage(image, aliasesByImage.get(image.name) ?? [])]),
  );
  const renderProblems: Problem[] = [];
  const catalogImages: CatalogImage[] = images.map((image) => {
    const tags = renderTags(
      image,
      { root, registry, snapshotId, upstream: config.upstream, referenceable },
      renderProblems,
    );
    return {
      resolved: image,
      name: image.name,
      tags,
      aliases: aliasesByImage.get(image.name) ?? [],
      versionScheme: schemes.get(image.name) ?? image.versionScheme,
      dependsOn: [],
      depth: 0,
    };
  });
  problems.addAll(renderProblems);

  const dependsOn = new Map<string, Set<string>>();
  for (const image of catalogImages) {
    const deps = new Set<string>();
    for (const tag of image.tags) for (const base of tag.bases) if (base.image !== image.name) deps.add(base.image);
    for (const ext of image.resolved.extends) {
      if (!referenceable.has(ext.name)) {
        problems.add({
          message: `extends "${ext.name}", which is not an image of this catalog`,
          location: ext.source,
          field: 'extends',
        });
      } else if (ext.name !== image.name) deps.add(ext.name);
    }
    dependsOn.set(image.name, deps);
    image.dependsOn = [...deps].sort();
  }
  problems.throwIfAny();

  const { order, cycle } = topologicalOrder(dependsOn.keys(), dependsOn);
  if (cycle) throw cycleError(cycle, catalogImages);
  const depthOf = depths(order, dependsOn);
  const byName = new Map(catalogImages.map((i) => [i.name, i]));
  const ordered = order.map((name) => {
    const image = byName.get(name) as CatalogImage;
    image.depth = depthOf.get(name) ?? 0;
    return image;
  });
  options.logger.debug(`catalog: ${ordered.length} images, ${ordered.reduce((n, i) => n + i.tags.length, 0)} tags`);
  return { root, config, registry, snapshotId, images: ordered };
}

function referenceableImage(image: ResolvedImage, aliases: AliasEntry[]): ReferenceableImage {
  return {
    name: image.name,
    baseTags: image.tags.filter((t) => !t.variant).map((t) => t.name),
    allTags: new Set(image.tags.map((t) => t.name)),
    aliases: new Map(aliases.map((a) => [a.alias, a.target])),
  };
}

function cycleError(cycle: string[], images: CatalogImage[]): ConfigError {
  const files = (name: string) =>
    images
      .find((i) => i.name === name)
      ?.resolved.definitions.map((d) => d.file)
      .join(', ') ?? name;
  return new ConfigError([
    {
      message: `dependency cycle: ${cycle.join(' → ')}`,
      location: { file: images.find((i) => i.name === cycle[0])?.resolved.definitions[0]?.file ?? cycle[0] },
      hint: `each image builds FROM the next; break the cycle in one of: ${[...new Set(cycle)].map((n) => `${n} (${files(n)})`).join('; ')}`,
    },
  ]);
}
