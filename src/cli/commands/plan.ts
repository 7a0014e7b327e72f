import * as path from 'node:path';
import { readGitMetadata, resolveSourceDateEpoch } from '../../core/build/git-info';
import { BUILDER_KINDS } from '../../core/build/types';
import { BaseDigestResolver } from '../../core/build-run/base-digests';
import { ensureDist } from '../../core/build-run/dist-freshness';
import { selectTargets } from '../../core/build-run/targets';
import { upstreamLookupClient } from '../../core/build-run/upstream-client';
import { normalisePlatform } from '../../core/build/platform';
import { loadProjectConfig } from '../../core/config/load-project-config';
import { sourceDateEpoch } from '../../core/generate/source-date-epoch';
import { LOCK_FILE, readUpstreamLock } from '../../core/incremental/upstream-lock';
import { UpstreamPins } from '../../core/incremental/upstream-pins';
import { computePublishPlan } from '../../core/plan/compute-plan';
import { renderPlanJson } from '../../core/plan/plan-json';
import { renderPlanMarkdown } from '../../core/plan/plan-markdown';
import { registryClientFromConfig } from '../../core/publish/registry-from-config';
import { didYouMean } from '../../core/shared/did-you-mean';
import { UsageError } from '../../core/shared/errors';
import { execProcess } from '../../core/shared/exec';
import type { Command, ParsedCommandLine } from '../command';
import { builderOption, plannedBuilderKind } from './builder-option';
import {
  directoryOption,
  loadCommandCatalog,
  platformSelection,
  projectRoot,
  snapshotOption,
  stringOption,
} from './common-options';

const FORMATS = ['markdown', 'json'] as const;
type PlanFormat = (typeof FORMATS)[number];

export const planCommand: Command = {
  name: 'plan',
  summary: 'show which tags and aliases this pipeline will create, move or leave, and what it rebuilds and why',
  args: '[image[:tag]]...',
  description: `
Compares the catalog with the registry and prints the publish plan: for every selected tag, whether
its release tag <registry>/<image>:<tag> is created, moved (digest now → new index) or left as it is,
the same for each of its aliases, and which platform images are built and why ("Dockerfile changed",
"rootfs changed", "base … changed", "new: no image in the registry yet") or reused. The decisions
are exactly the ones \`image-manager build\` makes (input digests, see its --help). A release tag is
left only when nothing of it is rebuilt and its index lists exactly the reused platform images.
With --snapshot-id the run writes the snapshot tags (<tag>-ID, <tag>-ID-linux-<arch>, <alias>-ID)
first; the plan says so and lists what promotion will then do to the release tags.

Read-only: plan never writes to the registry and never starts the embedded registry; an unreachable
registry is an error (exit 1). A missing dist/ is generated first; a stale one, or one generated for
another --snapshot-id, is an error (exit 2), as for build.

The input digest of an image includes the builder kind. plan counts with --builder, else \`builder:\`
in .image-manager.yml, else the builder a build on this machine would pick (buildah when none is
installed): when the build runs elsewhere with another builder, tell plan with --builder, or every
image is planned as rebuilt.

--format markdown (default) suits a job summary or a pull/merge request comment; --format json prints
the plan for scripts: {"planVersion": 1, "registry", "snapshotId", "platforms", "unplannedPlatforms",
"summary": {"build", "reuse", "tags": {"create", "move", "leave"}, "aliases": {…}}, "tags": [{"image",
"tag", "ref", "action", "reason", "digest", "newDigest", "platforms": [{"platform", "action",
"reasons", "inputDigest", "existing", "releaseDigest"}], "aliases": [{"alias", "ref", "action",
"digest", "digestTags", "target", "newDigest"}], "snapshot"}]} (see the README, "Publish plan").`,
  options: {
    platform: {
      type: 'string',
      multiple: true,
      value: 'PLATFORM',
      description: 'plan only this platform (repeatable); the others count as the registry has them',
    },
    ...snapshotOption,
    format: {
      type: 'string',
      value: 'FORMAT',
      description: `output format: ${FORMATS.join(' or ')} (default: markdown)`,
    },
    builder: {
      type: 'string',
      value: 'KIND',
      description: `the builder the build uses: ${BUILDER_KINDS.join(', ')} (default: config, else auto-detected)`,
    },
    force: { type: 'boolean', description: 'plan as `build --force` does: every platform image rebuilt' },
    'pin-upstream': {
      type: 'boolean',
      description: `plan as \`build --pin-upstream\` does: upstream bases at the digests in ${LOCK_FILE}`,
    },
    ...directoryOption,
  },
  async run(commandLine, context) {
    const { env, logger } = context;
    const exec = execProcess;
    const root = projectRoot(commandLine, context);
    const format = formatOption(commandLine);
    const requestedBuilder = builderOption(commandLine);
    const pinUpstream = commandLine.values['pin-upstream'] === true;
    const config = await loadProjectConfig(root, env, logger);
    const upstreamLock = pinUpstream ? await readUpstreamLock(root) : {};
    const catalog = await loadCommandCatalog(commandLine, context, root, config);
    const targets = selectTargets(catalog, commandLine.positionals);
    const selection = platformSelection(commandLine, config);
    const distDir = path.resolve(root, config.dist_dir);
    await ensureDist(catalog, distDir, {
      logger,
      sourceDateEpoch: sourceDateEpoch(env),
      displayName: config.dist_dir.replace(/\/+$/, ''),
    });
    const client = registryClientFromConfig({ config, env, exec, logger });
    const resolver = new BaseDigestResolver({
      client,
      upstreamClient: upstreamLookupClient(config, env, exec, logger),
      logger,
    });
    const epoch = await resolveSourceDateEpoch(env, exec, root);
    const plan = await computePublishPlan(
      {
        catalog,
        distDir,
        builderKind: await plannedBuilderKind(requestedBuilder, config, { env, exec, logger }),
        resolver,
        // Pins added for upstreams missing from the lock are not written back: plan writes nothing.
        upstream: new UpstreamPins(resolver, { pin: pinUpstream, locked: upstreamLock }),
        sourceDateEpoch: epoch?.epoch,
        git: await readGitMetadata(exec, root),
        logger,
        client,
        force: commandLine.values.force === true,
      },
      {
        targets,
        platforms: selection.platforms,
        declaredPlatforms: config.platforms.map((p) => normalisePlatform(p.name)),
      },
    );
    context.stdout(format === 'json' ? renderPlanJson(plan) : renderPlanMarkdown(plan));
    return 0;
  },
};

function formatOption(commandLine: ParsedCommandLine): PlanFormat {
  const value = stringOption(commandLine, 'format') ?? 'markdown';
  if ((FORMATS as readonly string[]).includes(value)) return value as PlanFormat;
  const suggestion = didYouMean(value, FORMATS);
  throw new UsageError(
    `--format ${value}: unknown format${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; use ${FORMATS.join(' or ')}`,
  );
}
