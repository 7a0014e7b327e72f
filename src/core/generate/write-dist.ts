/**
 * Writes `dist/`: per tag the Dockerfile (with the rootfs COPY injected where the merged rootfs has content),
 * test.yml and rootfs/, plus dist/catalog.json. The whole tree is built in a temporary sibling and swapped in
 * at the end, so no stale tag, alias or file survives and a failed run leaves the previous dist/ untouched.
 * Output is byte-identical across runs and machines: no timestamps, sorted JSON, normalised file times.
 */
import { existsSync, promises as fs, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { injectRootfsCopy } from '../rootfs/inject-copy';
import { mergeRootfsLevels } from '../rootfs/merge';
import { replaceDirectoryAtomically } from '../shared/atomic-dir';
import { ProblemCollector, UsageError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import type { Catalog } from './catalog';
import { summariseCatalog } from './catalog-summary';

export const CATALOG_FILE = 'catalog.json';

export interface WriteSummary {
  distDir: string;
  tags: number;
  files: number;
}

export async function writeDist(catalog: Catalog, logger: Logger): Promise<WriteSummary> {
  const distDir = path.resolve(catalog.root, catalog.config.dist_dir);
  refuseForeignDirectory(distDir, catalog.config.dist_dir);
  const problems = new ProblemCollector();
  let files = 0;
  let tags = 0;
  await replaceDirectoryAtomically(distDir, async (temp) => {
    for (const image of catalog.images) {
      for (const tag of image.tags) {
        const dir = path.join(temp, image.name, tag.resolved.name);
        await fs.mkdir(dir, { recursive: true });
        const rootfs = await mergeRootfsLevels(tag.resolved.rootfsLevels, path.join(dir, 'rootfs'), {
          displayRoot: catalog.root,
        });
        problems.addAll(rootfs.problems);
        for (const warning of rootfs.warnings)
          logger.warn(`${image.name}:${tag.resolved.name}: ${warning.message}`, { file: warning.path });
        let dockerfile = tag.dockerfile;
        if (rootfs.hasContent) {
          files += rootfs.files.length;
          if (tag.resolved.rootfsCopy) dockerfile = injectRootfsCopy(dockerfile, tag.resolved.rootfsUser).dockerfile;
        } else {
          await fs.rm(path.join(dir, 'rootfs'), { recursive: true, force: true });
        }
        await fs.writeFile(path.join(dir, 'Dockerfile'), dockerfile);
        files++;
        if (tag.testConfig !== null) {
          await fs.writeFile(path.join(dir, 'test.yml'), tag.testConfig);
          files++;
        }
        tags++;
      }
    }
    problems.throwIfAny();
    await fs.writeFile(path.join(temp, CATALOG_FILE), `${JSON.stringify(summariseCatalog(catalog), null, 2)}\n`);
    files++;
  });
  return { distDir, tags, files };
}

/**
 * `generate` replaces its output folder wholesale. Refuse when that folder holds something we did not write
 * (no catalog.json), e.g. a JavaScript project's own dist/: deleting it would be unforgivable.
 */
function refuseForeignDirectory(distDir: string, configured: string): void {
  if (!existsSync(distDir)) return;
  const entries = readdirSync(distDir);
  if (entries.length === 0 || entries.includes(CATALOG_FILE)) return;
  throw new UsageError(
    `${configured}/ exists and was not written by image-manager (it has no ${CATALOG_FILE}); refusing to replace it. ` +
      'Set `dist_dir:` in .image-manager.yml to another folder, or remove it yourself.',
  );
}
