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

export interface WriteOptions {
  logger: Logger;
  /** Seconds since the epoch for every file time in rootfs/ (SOURCE_DATE_EPOCH); 0 when not set. */
  sourceDateEpoch?: number;
}

export async function writeDist(catalog: Catalog, options: WriteOptions): Promise<WriteSummary> {
  const { logger } = options;
  const distDir = path.resolve(catalog.root, catalog.config.dist_dir);
  refuseForeignDirectory(distDir, catalog.config.dist_dir);
  const problems = new ProblemCollector();
  let files = 0;
  let tags = 0;
  const warned = new Set<string>();
  await replaceDirectoryAtomically(distDir, async (temp) => {
    for (const image of catalog.images) {
      for (const tag of image.tags) {
        const dir = path.join(temp, image.name, tag.resolved.name);
        await makeDirectory(temp, dir);
        const rootfs = await mergeRootfsLevels(tag.resolved.rootfsLevels, path.join(dir, 'rootfs'), {
          displayRoot: catalog.root,
          sourceDateEpoch: options.sourceDateEpoch,
        });
        problems.addAll(rootfs.problems);
        for (const warning of rootfs.warnings) {
          // Every tag merging the same level repeats that level's warning; say it once.
          const key = `${warning.source}\0${warning.message}`;
          if (!warned.has(key)) logger.warn(warning.message, { file: warning.source });
          warned.add(key);
        }
        let dockerfile = tag.dockerfile;
        if (rootfs.hasContent) {
          files += rootfs.files.length;
          if (tag.resolved.rootfsCopy) dockerfile = injectRootfsCopy(dockerfile, tag.resolved.rootfsUser).dockerfile;
        }
        await writeGeneratedFile(path.join(dir, 'Dockerfile'), dockerfile);
        files++;
        if (tag.testConfig !== null) {
          await writeGeneratedFile(path.join(dir, 'test.yml'), tag.testConfig);
          files++;
        }
        tags++;
      }
    }
    problems.throwIfAny();
    await writeGeneratedFile(path.join(temp, CATALOG_FILE), `${JSON.stringify(summariseCatalog(catalog), null, 2)}\n`);
    await fs.chmod(temp, 0o755);
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

/** Fixed modes whatever the umask, so the output is identical on every machine. */
async function writeGeneratedFile(file: string, content: string): Promise<void> {
  await fs.writeFile(file, content);
  await fs.chmod(file, 0o644);
}

async function makeDirectory(root: string, dir: string): Promise<void> {
  const relative = path.relative(root, dir).split(path.sep);
  let current = root;
  for (const part of relative) {
    current = path.join(current, part);
    if (!existsSync(current)) {
      await fs.mkdir(current);
      await fs.chmod(current, 0o755);
    }
  }
}
