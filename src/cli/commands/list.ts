import { summariseCatalog } from '../../core/generate/catalog-summary';
import type { Command } from '../command';
import { directoryOption, loadCommandCatalog, projectRoot, snapshotOption } from './common-options';

export const listCommand: Command = {
  name: 'list',
  summary: 'print the resolved catalog: images in build order, tags, aliases',
  description: `
Without --json: one line per image in build order with its tags and aliases.
With --json: the resolved catalog as a stable contract for scripts and the pipeline generator:
  {"order": [names in build order], "images": [{"name", "dependsOn", "tags": [{"name", "variant",
   "versions", "variables", "baseTag", "dockerfile"}], "aliases": {"alias": "tag"}}]}
(see the README for every field). Nothing is written.`,
  options: {
    json: { type: 'boolean', description: 'print JSON (the catalog.json contract) on stdout' },
    ...snapshotOption,
    ...directoryOption,
  },
  async run(commandLine, context) {
    const catalog = await loadCommandCatalog(commandLine, context, projectRoot(commandLine, context));
    const summary = summariseCatalog(catalog);
    if (commandLine.values.json) {
      context.stdout(`${JSON.stringify(summary, null, 2)}\n`);
      return 0;
    }
    for (const image of summary.images) {
      const deps = image.dependsOn.length ? `  (builds on ${image.dependsOn.join(', ')})` : '';
      context.stdout(`${image.name}${deps}\n`);
      for (const tag of image.tags) {
        const aliases = Object.entries(image.aliases)
          .filter(([, target]) => target === tag.name)
          .map(([alias]) => alias);
        context.stdout(`  ${tag.name}${aliases.length ? `  ← ${aliases.join(', ')}` : ''}\n`);
      }
    }
    return 0;
  },
};
