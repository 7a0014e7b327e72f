import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { readGitMetadata, resolveSourceDateEpoch } from '../../core/build/git-info';
import type { EmulationCheckOptions } from '../../core/build/platform';
import { checkS3Cache } from '../../core/build/s3-cache-check';
import { selectBuilder } from '../../core/build/select-builder';
import { BUILDER_KINDS } from '../../core/build/types';
import { ensureDist } from '../../core/build-run/dist-freshness';
import { buildInsecureRegistries } from '../../core/build-run/insecure-hosts';
import { ensureLocalRegistryForBuild } from '../../core/build-run/local-registry';
import { checkPlatformsRunnable } from '../../core/build-run/preflight';
import {
  affectedSet,
  runBuild,
  runReuseOnly,
  summariseBuildRun,
  type BuildRunOptions,
  type ReuseOnlyOptions,
} from '../../core/build-run/run-build';
import { formatDuration } from '../../core/build-run/progress';
import { writeFileAtomically } from '../../core/shared/atomic-dir';
import { selectTargets } from '../../core/build-run/targets';
import { upstreamLookupClient } from '../../core/build-run/upstream-client';
import { loadProjectConfig } from '../../core/config/load-project-config';
import { LOCK_FILE, readUpstreamLock, writeUpstreamLock } from '../../core/incremental/upstream-lock';
import { sourceDateEpoch } from '../../core/generate/source-date-epoch';
import { mergeTag as defaultMergeTag } from '../../core/publish/merge-tag';
import { prepareBuilderAuth } from '../../core/build-run/builder-auth';
import { credentialsFromConfig, registryClientFromConfig } from '../../core/publish/registry-from-config';
import type { MergeTag } from '../../core/publish/types';
import { UsageError } from '../../core/shared/errors';
import { execProcess, type Exec } from '../../core/shared/exec';
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

/** What tests may replace: the merge implementation, the emulation check, how programs run. */
export interface BuildCommandDependencies {
  mergeTag?: MergeTag;
  emulation?: EmulationCheckOptions;
  exec?: Exec;
}

export function createBuildCommand(dependencies: BuildCommandDependencies = {}): Command {
  return {
    name: 'build',
    summary: 'build every tag per platform, push it, and merge the platforms into multi-platform tags',
    args: '[image[:tag]]...',
    description: `
Builds dist/<image>/<tag>/ for each platform (natively, or emulated through qemu), pushes it as
<registry>/<image>:<tag>[-ID]-linux-<arch>, and writes dist/<image>/<tag>/linux-<arch>/build.json and
linux-<arch>/image.tar (docker-archive, for sbom and test). Without --platform, every configured platform
is built and each tag is then merged into a multi-platform index <registry>/<image>:<tag>[-ID], with its
aliases. With --platform (one CI job per architecture), only that platform is built and nothing is merged:
run \`image-manager manifest\` afterwards.

Arguments select images (every tag), tags (image:tag) or aliases (image:alias); none means the whole
catalog. Images build in dependency order, independent ones in parallel (--jobs). A child builds on the
digest of its parent's platform image from this run (or, when the parent is not part of the run, from the
registry for this snapshot). A failure stops only what builds on it; the exit code is then 1 and the
failed and skipped units are listed.

dist/ must be what \`image-manager generate\` writes for the current catalog: a missing dist/ is generated
first, a stale one stops the build with exit code 2 ("dist/ is out of date: run image-manager generate").
build never regenerates a stale dist/ itself, because that would delete the build records other
platforms' jobs left there.

Incremental: each platform image carries the digest of its inputs (the generated Dockerfile, rootfs/,
the labels that are inputs, platform, builder and the digests of every base, upstream ones included).
When the registry already has an image of the same inputs (this snapshot's platform tag, else the
release one), it is reused: its tag is pointed at it and nothing is built ("unchanged (input sha256:…)").
A changed base rebuilds its children. --force (or --no-cache) builds anyway. Upstream bases count with
the digest their tag points at now; --pin-upstream uses the digests in ${LOCK_FILE} instead.

--reuse-only does the reusing part alone and builds nothing: the cheap first job of a pipeline. With
--affected-file FILE it writes {"version": 1, "build": ["<image> <platform>", …], "reused": […]}: the
image/platform pairs with at least one tag to build (a changed input, or a catalog base to be built).

The embedded registry 127.0.0.1:5050 is started when it is the push registry and not running.
Image labels get created = SOURCE_DATE_EPOCH or the commit time, so the same inputs give the same digest.`,
    options: {
      platform: {
        type: 'string',
        multiple: true,
        value: 'PLATFORM',
        description: 'build only this platform (amd64, arm64, linux/arm64, …); repeatable; skips the merge',
      },
      ...snapshotOption,
      'no-cache': {
        type: 'boolean',
        description: 'do not use cached layers (a configured remote cache is still refreshed); implies --force',
      },
      force: {
        type: 'boolean',
        description: 'build even what the registry already has from exactly the same inputs',
      },
      'reuse-only': {
        type: 'boolean',
        description:
          "point the tags of unchanged platform images at the registry's images and build nothing (a pipeline's first job)",
      },
      'affected-file': {
        type: 'string',
        value: 'FILE',
        description: 'with --reuse-only: write the image/platform pairs that still need a build to FILE (JSON)',
      },
      'pin-upstream': {
        type: 'boolean',
        description: `build on the upstream digests recorded in ${LOCK_FILE} (adding missing ones), not the current ones`,
      },
      jobs: { type: 'string', short: 'j', value: 'N', description: 'builds running at once (default: the CPU count)' },
      builder: {
        type: 'string',
        value: 'KIND',
        description: `builder to use: ${BUILDER_KINDS.join(', ')} (default: config, else auto-detect)`,
      },
      ...directoryOption,
    },
    async run(commandLine, context) {
      const { env, logger } = context;
      const exec = dependencies.exec ?? execProcess;
      const root = projectRoot(commandLine, context);
      const requestedBuilder = builderOption(commandLine);
      const jobs = jobsOption(commandLine);
      const pinUpstream = commandLine.values['pin-upstream'] === true;
      const reuseOnly = commandLine.values['reuse-only'] === true;
      const affectedFile = stringOption(commandLine, 'affected-file');
      if (affectedFile !== undefined && !reuseOnly) {
        throw new UsageError(
          '--affected-file is written by --reuse-only: add --reuse-only (or leave --affected-file out)',
        );
      }
      const config = await loadProjectConfig(root, env, logger);
      // Read (and checked) before anything starts: a broken lock file is a user error, not a half-run build.
      const upstreamLock = pinUpstream ? await readUpstreamLock(root) : undefined;
      const catalog = await loadCommandCatalog(commandLine, context, root, config);
      const targets = selectTargets(catalog, commandLine.positionals);
      const selection = platformSelection(commandLine, config);
      // Before anything is generated or started: a platform this machine cannot run fails the run right away.
      if (!reuseOnly) checkPlatformsRunnable(selection.platforms, dependencies.emulation);
      const distDir = path.resolve(root, config.dist_dir);
      await ensureDist(catalog, distDir, {
        logger,
        sourceDateEpoch: sourceDateEpoch(env),
        displayName: config.dist_dir.replace(/\/+$/, ''),
      });
      await ensureLocalRegistryForBuild(root, catalog.registry, { exec, env }, logger);
      const cacheRef = config.cache.type === 'registry' ? config.cache.ref : undefined;
      const auth = await prepareBuilderAuth(
        env,
        [catalog.registry, ...(cacheRef ? [cacheRef] : [])],
        credentialsFromConfig({ config, env, exec, logger }),
      );
      if (auth.hosts.length > 0) logger.info(`registry credentials for the builder: ${auth.hosts.join(', ')}`);
      try {
        // --reuse-only builds nothing: it only needs to know which builder a build would use (input digests).
        const builder = reuseOnly
          ? undefined
          : await selectBuilder({
              requested: requestedBuilder ?? config.builder,
              env: auth.env,
              exec,
              log: logger,
              // Keeping the image keeps its step images, buildah's local layer cache: `buildah rmi` of the final image
              // also removes its untagged parent steps, so a rebuild on this machine would run every step again.
              buildah: { emulation: dependencies.emulation, keepLocalImage: true },
            });
        const epoch = await resolveSourceDateEpoch(env, exec, root);
        if (epoch) logger.info(`image timestamps: ${new Date(epoch.epoch * 1000).toISOString()} (${epoch.origin})`);
        else
          logger.warn(
            'neither SOURCE_DATE_EPOCH nor a git commit time is available: image digests will not be reproducible',
          );
        const common: Omit<BuildRunOptions, 'builder'> = {
          catalog,
          distDir,
          targets,
          platforms: selection.platforms,
          merge: selection.merge,
          client: registryClientFromConfig({ config, env, exec, logger }),
          upstreamClient: upstreamLookupClient(config, env, exec, logger),
          mergeTag: dependencies.mergeTag ?? defaultMergeTag,
          jobs,
          noCache: commandLine.values['no-cache'] === true,
          force: commandLine.values.force === true,
          pinUpstream,
          upstreamLock,
          insecureRegistries: buildInsecureRegistries(catalog),
          sourceDateEpoch: epoch?.epoch,
          git: await readGitMetadata(exec, root),
          env,
          logger,
          emulation: dependencies.emulation,
          checkS3: (settings) => checkS3Cache(settings, { env }),
        };
        if (!builder) {
          const builderKind = await plannedBuilderKind(requestedBuilder, config, { env: auth.env, exec, logger });
          return await reuseOnlyRun({ ...common, builderKind }, root, affectedFile);
        }
        logger.info(
          `building ${targets.length} tag${targets.length === 1 ? '' : 's'} for ${selection.platforms.join(', ')}` +
            `${selection.merge ? ', then merging' : ''} (${jobs} at a time), pushing to ${catalog.registry}`,
        );
        const result = await runBuild({ ...common, builder });
        if (result.updatedLock && (await writeUpstreamLock(root, result.updatedLock))) {
          logger.info(`${LOCK_FILE}: recorded the digests of upstream bases that were not locked yet`);
        }
        summariseBuildRun(result, logger);
        return result.failed.length > 0 || result.skipped.length > 0 ? 1 : 0;
      } finally {
        await auth.dispose();
      }
    },
  };
}

export const buildCommand: Command = createBuildCommand();

function jobsOption(commandLine: ParsedCommandLine): number {
  const value = stringOption(commandLine, 'jobs');
  if (value === undefined) return Math.max(1, availableParallelism());
  if (!/^[1-9]\d*$/.test(value))
    throw new UsageError(`--jobs ${value}: give a whole number of parallel builds, at least 1`);
  return Number(value);
}

async function reuseOnlyRun(
  options: ReuseOnlyOptions,
  root: string,
  affectedFile: string | undefined,
): Promise<number> {
  const { logger } = options;
  logger.info(
    `checking ${options.targets.length} tag(s) for ${options.platforms.join(', ')} against ${options.catalog.registry}`,
  );
  const result = await runReuseOnly(options);
  if (result.updatedLock && (await writeUpstreamLock(root, result.updatedLock))) {
    logger.info(`${LOCK_FILE}: recorded the digests of upstream bases that were not locked yet`);
  }
  const set = affectedSet(result.units);
  if (affectedFile) {
    const file = path.resolve(root, affectedFile);
    await writeFileAtomically(file, `${JSON.stringify(set, null, 2)}\n`);
    const relative = path.relative(root, file);
    logger.info(`wrote ${relative && !relative.startsWith('..') ? relative : file}`);
  }
  const needed = result.units.filter((unit) => unit.action === 'build').length;
  logger.info(
    `${result.records.length} platform image${result.records.length === 1 ? '' : 's'} unchanged (reused), ` +
      `${needed} to build (${set.build.length} image/platform pair${set.build.length === 1 ? '' : 's'}) in ${formatDuration(result.durationMs)}`,
  );
  return 0;
}
