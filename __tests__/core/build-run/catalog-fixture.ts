/** Catalogs loaded for real from small projects on disk, for the pure planning tests (no registry, no builder). */
import { loadCatalog } from '../../../src/core/generate/load-catalog';
import type { Catalog } from '../../../src/core/generate/catalog';
import { silentLogger } from '../../../src/core/shared/logger';
import { makeProject } from '../../support/project-fixture';

export const PLANNING_IMAGES: Record<string, string> = {
  '.image-manager.yml': 'registries:\n  - url: registry.example.com/team\nplatforms: [linux/amd64, linux/arm64]\n',
  'images/base/image.yml': "name: base\nis_base_image: true\ntags:\n  - name: '1.0'\n  - name: '2.0'\n",
  'images/base/Dockerfile.mustache': 'FROM busybox:1.36\n',
  'images/app/image.yml':
    'name: app\ntags:\n  - name: 2.0.0\n  - name: 2.1.0\nvariants:\n  - name: extra\n    tag_suffix: -extra\n',
  'images/app/Dockerfile.mustache': 'FROM {{#image}}base:1.0{{/image}}\n',
  'images/app/Dockerfile.extra.mustache': 'FROM {{base_image}}\n',
  // Builds on nothing from the catalog but is ordered after base (extends).
  'images/tools/image.yml': 'name: tools\nextends: base\ntags:\n  - name: 0.1.0\n',
  'images/tools/Dockerfile.mustache': 'FROM alpine:3.20\n',
};

export async function planningCatalog(
  files: Record<string, string> = PLANNING_IMAGES,
  snapshotId?: string,
): Promise<Catalog> {
  return loadCatalog({ root: makeProject(files), env: {}, logger: silentLogger, snapshotId });
}
