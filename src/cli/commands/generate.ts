import * as path from 'node:path';
import { sourceDateEpoch } from '../../core/generate/source-date-epoch';
import { writeDist } from '../../core/generate/write-dist';
import type { Command } from '../command';
import { directoryOption, loadCommandCatalog, projectRoot, snapshotOption } from './common-options';

export const generateCommand: Command = {
  name: 'generate',
  summary: 'render Dockerfiles, test configs and rootfs/ for every image tag into dist/',
  description: `
Reads .image-manager.yml and every images/**/image.yml, validates them, and writes
dist/<image>/<tag>/{Dockerfile,test.yml,rootfs/} plus dist/catalog.json. dist/ is replaced as a
whole: nothing stale survives, and a failed run leaves the previous dist/ untouched.
Generated Dockerfiles reference catalog images by their full registry reference
(with -<ID> under --snapshot-id), so they build with any builder as they are.`,
  options: { ...snapshotOption, ...directoryOption },
  async run(commandLine, context) {
    const root = projectRoot(commandLine, context);
    const catalog = await loadCommandCatalog(commandLine, context, root);
    const summary = await writeDist(catalog, { logger: context.logger, sourceDateEpoch: sourceDateEpoch(context.env) });
    context.logger.info('Build order:');
    for (const [i, image] of catalog.images.entries()) {
      const deps = image.dependsOn.length ? ` (after ${image.dependsOn.join(', ')})` : '';
      context.logger.info(`  ${i + 1}. ${image.name}: ${image.tags.map((t) => t.resolved.name).join(', ')}${deps}`);
    }
    const rel = path.relative(context.cwd, summary.distDir) || '.';
    context.logger.info(`Generated ${summary.tags} tags of ${catalog.images.length} images into ${rel}/`);
    return 0;
  },
};
