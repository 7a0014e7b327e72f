import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { summariseCatalog } from '../../core/generate/catalog-summary';
import { loadCatalog } from '../../core/generate/load-catalog';
import { parseAffectedSet } from '../../core/pipeline/affected-set';
import { checkPipeline } from '../../core/pipeline/check-pipeline';
import type { CiProvider } from '../../core/pipeline/ci-settings';
import { AFFECTED_IS_GITLAB_ONLY, generatePipeline, type PipelineOptions } from '../../core/pipeline/generate-pipeline';
import { writeFileAtomically } from '../../core/shared/atomic-dir';
import { UsageError } from '../../core/shared/errors';
import type { Command, ParsedCommandLine } from '../command';
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
With --check nothing is written: exit 1 and a diff when the committed file is stale.

Only what changed is built. The GitHub workflow decides at run time: its generate job computes the
affected set and the build jobs of unchanged images are skipped. A GitLab pipeline written during the
run (gitlab-ci-templates/pipeline.yml) takes --affected FILE, the file \`image-manager build --reuse-only
--affected-file FILE\` wrote: the build jobs of the platform images it lists as reused are left out, and
so are the needs on them. Without --affected every build job is written (a committed pipeline; build
itself reuses unchanged images cheaply).`,
  options: {
    provider: { type: 'string', value: 'github|gitlab', description: 'which CI system to generate for' },
    output: {
      type: 'string',
      value: 'PATH',
      description: 'where to write the pipeline (relative to the project root)',
    },
    check: { type: 'boolean', description: 'compare with the committed file instead of writing; exit 1 when stale' },
    affected: {
      type: 'string',
      value: 'FILE',
      description: 'GitLab only: no build jobs for what FILE (from build --reuse-only) lists as reused',
    },
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
    const affected = await affectedOption(commandLine, root, provider);
    const pipeline = generatePipeline(summariseCatalog(catalog), catalog.config, provider, { affected });
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

/** `--affected FILE`, read and checked; refused for GitHub and with --check (a committed file keeps every job). */
async function affectedOption(
  commandLine: ParsedCommandLine,
  root: string,
  provider: CiProvider,
): Promise<PipelineOptions['affected']> {
  const file = stringOption(commandLine, 'affected');
  if (file === undefined) return undefined;
  if (provider === 'github') throw new UsageError(AFFECTED_IS_GITLAB_ONLY);
  if (commandLine.values.check) {
    throw new UsageError('--check compares the committed pipeline, which keeps every build job: drop --affected');
  }
  let text: string;
  try {
    text = await readFile(path.resolve(root, file), 'utf8');
  } catch (error) {
    throw new UsageError(`--affected ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? error})`);
  }
  return { set: parseAffectedSet(text, file), file };
}
