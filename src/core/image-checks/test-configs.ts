/**
 * The `test.yml` of every selected tag, read and validated before any image is pulled or started, so every
 * mistake in every config is reported together (exit 2) instead of one per run. A tag whose catalog renders no
 * test config has no tests; one whose catalog renders a config that dist/ lacks has a stale dist/, which is a
 * mistake too: testing nothing there would pass silently.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { Catalog } from '../generate/catalog';
import { findCatalogTag, tagDistDir } from '../publish/catalog-tags';
import { ConfigError, type Problem } from '../shared/errors';
import { loadStructureTestConfig } from '../structure-test/config/parse-config';
import type { StructureTestConfig } from '../structure-test/config/types';

export const TEST_CONFIG = 'test.yml';

export interface TagTestConfig {
  image: string;
  tag: string;
  file: string;
  /** null: the tag has no tests. */
  config: StructureTestConfig | null;
}

export async function loadTestConfigs(
  catalog: Catalog,
  targets: Array<{ image: string; tag: string }>,
): Promise<TagTestConfig[]> {
  const problems: Problem[] = [];
  const configs: TagTestConfig[] = [];
  for (const { image, tag } of targets) {
    const file = path.join(tagDistDir(catalog, image, tag), TEST_CONFIG);
    const template = findCatalogTag(catalog, image, tag).tag.resolved.testTemplate;
    if (!existsSync(file)) {
      if (template !== null) {
        problems.push({
          message: `${image}:${tag} has a test template but dist/ has no ${TEST_CONFIG} for it`,
          location: { file },
          hint: 'dist/ is out of date: run image-manager generate',
        });
      }
      configs.push({ image, tag, file, config: null });
      continue;
    }
    try {
      configs.push({ image, tag, file, config: await loadStructureTestConfig(file) });
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      // The file in dist/ is generated: the fix belongs in the template it was rendered from.
      const source = template ? path.relative(catalog.root, template) : undefined;
      const where = source ? `fix it in ${source} and run image-manager generate` : undefined;
      problems.push(...error.problems.map((p) => (where ? { ...p, hint: p.hint ? `${p.hint}; ${where}` : where } : p)));
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return configs;
}
