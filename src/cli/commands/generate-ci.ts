import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { summariseCatalog } from '../../core/generate/catalog-summary';
import { loadCatalog } from '../../core/generate/load-catalog';
import { checkPipeline } from '../../core/pipeline/check-pipeline';
import { generatePipeline } from '../../core/pipeline/generate-pipeline';
import { writeFileAtomically } from '../../core/shared/atomic-dir';
import { UsageError } from '../../core/shared/errors';
import type { Command } from '../command';
import { directoryOption, projectRoot, stringOption } from './common-options';

const DEFAULT_OUTPUT = { github: '.github/workflows/images.yml', gitlab: '.gitlab/ci/images.yml' } as const;

export const generateCiCommand: Command = {
  name: 'generate-ci',
  summary: 'write the CI pipeline (GitHub Actions or GitLab CI) from the catalog’s dependency graph',
  description: `
One job per image and platform on a native runner; a child's build waits only for its parent's
build on the same platform; merge, SBOM and tests follow each image; release tags move only after
every test of the image passed. Pull/merge requests build snapshots (pr-<n> / mr-<iid>).
Defaults: --provider from ci.provider in .image-manager.yml, else gitlab (as the PoC);
output .github/workflows/images.yml (github) or .gitlab/ci/images.yml (gitlab).
With --check nothing is written: exit 1 and a diff when the committed file is stale.`,
  options: {
    provider: { type: 'string', value: 'github|gitlab', description: 'which CI system to generate for' },
    output: {
      type: 'string',
      value: 'PATH',
      description: 'where to write the pipeline (relative to the project root)',
    },
    check: { type: 'boolean', description: 'compare with the committed file instead of writing; exit 1 when stale' },
    ...directoryOption,
  },
  async run(commandLine, context) {
    const root = projectRoot(commandLine, context);
    const catalog = await loadCatalog({ root, env: context.env, logger: context.logger });
    const provider = stringOption(commandLine, 'provider') ?? catalog.config.ci.provider ?? 'gitlab';
    if (provider !== 'github' && provider !== 'gitlab') {
      throw new UsageError(`--provider must be github or gitlab, not "${provider}"`);
    }
    const output = stringOption(commandLine, 'output') ?? catalog.config.ci.output ?? DEFAULT_OUTPUT[provider];
    const file = path.resolve(root, output);
    const pipeline = generatePipeline(summariseCatalog(catalog), catalog.config, provider);
    if (commandLine.values.check) {
      const result = checkPipeline(pipeline, existsSync(file) ? readFileSync(file, 'utf8') : undefined);
      if (result.upToDate) {
        context.logger.info(`${output} is up to date`);
        return 0;
      }
      context.stdout(result.diff);
      context.logger.error(
        `${output} is stale: run \`image-manager generate-ci --provider ${provider}\` and commit it`,
      );
      return 1;
    }
    await writeFileAtomically(file, pipeline);
    context.logger.info(`Wrote ${output} (${provider}, ${catalog.images.length} images)`);
    return 0;
  },
};
