import * as path from 'node:path';
import { loadProjectConfig } from '../../core/config/load-project-config';
import { renderSummaryMarkdown, writeReport } from '../../core/report';
import type { Command } from '../command';
import { directoryOption, projectRoot } from './common-options';

export const reportCommand: Command = {
  name: 'report',
  summary: 'write the static HTML catalog (dist/index.html and a page per image, tag and SBOM)',
  description: `
Reads dist/catalog.json and whatever build, test and SBOM records exist (dist/<image>/<tag>/linux-<arch>/)
and writes dist/index.html, dist/<image>/index.html, dist/<image>/<tag>/index.html and an SBOM page per
platform. Self-contained (no CDN; works from file:// and GitHub/GitLab Pages) and byte-identical for the
same inputs. Run it after generate (which replaces dist/) and after build/test/sbom.
With --markdown the summary table (for job summaries and merge request comments) goes to stdout.`,
  options: {
    markdown: { type: 'boolean', description: 'also print the summary as a markdown table on stdout' },
    ...directoryOption,
  },
  async run(commandLine, context) {
    const root = projectRoot(commandLine, context);
    const config = await loadProjectConfig(root, context.env, context.logger);
    const distDir = path.resolve(root, config.dist_dir);
    const result = await writeReport(distDir);
    if (commandLine.values.markdown) context.stdout(await renderSummaryMarkdown(distDir));
    const index = path.relative(context.cwd, path.join(distDir, 'index.html'));
    context.logger.info(`Wrote ${result.pages.length} pages (${result.removed.length} stale removed): open ${index}`);
    return 0;
  },
};
