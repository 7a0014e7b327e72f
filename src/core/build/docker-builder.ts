/**
 * BuildKit through a Docker engine: `docker buildx build` when the buildx plugin exists (GitHub-hosted runners),
 * else `DOCKER_BUILDKIT=1 docker build` + `docker push` (Docker CLI < 23). The digest is always the pushed one: from
 * buildx's metadata file, or from `docker push` output. Limits of the legacy path (no registry/S3/GHA cache export,
 * one platform per build, no SOURCE_DATE_EPOCH support in BuildKit < 0.11) are stated in docker-args.ts.
 */
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { OperationError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import { parseReference } from '../registry/reference';
import { assertCacheSupported, type CacheType } from './cache-settings';
import { dockerDaemonIsLocal, type DockerCli } from './docker-cli';
import { digestFromPushOutput, dockerBuildxBuildArgs, dockerLegacyBuildArgs } from './docker-args';
import { ensurePlatformRunnable, type EmulationCheckOptions } from './platform';
import { logPrefixFor, runTool, type ToolRunOptions } from './tool-run';
import type { Builder, BuilderEnvironment, BuildRequest, BuildResult } from './types';

export interface DockerBuilderOptions {
  cli: DockerCli;
  /** `--network` for RUN steps; `host` for daemons started without a bridge (`--bridge=none`). */
  network?: string;
  /** Keep the image in the daemon after a legacy build (default: removed after push; BuildKit's cache stays). */
  keepLocalImage?: boolean;
  serverVersion?: string;
  emulation?: EmulationCheckOptions;
}

const HINTS: ToolRunOptions['hints'] = [
  {
    pattern: /server gave HTTP response to HTTPS client/,
    hint:
      'The registry speaks plain HTTP: the Docker daemon must list it in insecure-registries (daemon.json or ' +
      '`dockerd --insecure-registry`); with a buildx docker-container builder, in its buildkitd.toml.',
  },
  { pattern: /network bridge not found/, hint: 'The daemon has no bridge network: build with network "host".' },
  {
    pattern: /[Cc]ache export is not supported/,
    hint: 'The buildx "docker" driver cannot export caches: create a builder with `docker buildx create --use` (docker-container driver) or docker/setup-buildx-action.',
  },
];

export function createDockerBuilder(environment: BuilderEnvironment, options: DockerBuilderOptions): Builder {
  const { cli } = options;
  const supportedCacheTypes: readonly CacheType[] =
    cli.mode === 'buildx' ? ['none', 'registry', 's3', 'gha'] : ['none', 'registry'];
  return {
    kind: 'docker',
    supportedCacheTypes,
    describe: () =>
      `docker ${cli.clientVersion} (${cli.mode === 'buildx' ? 'buildx' : 'built-in BuildKit'}, ${cli.binary})` +
      (options.serverVersion ? `, engine ${options.serverVersion}` : ''),
    async build(request: BuildRequest, log: Logger): Promise<BuildResult> {
      assertCacheSupported({ kind: 'docker', supportedCacheTypes }, request.cache);
      if (dockerDaemonIsLocal(environment.env)) ensurePlatformRunnable(request.platform, options.emulation);
      const started = Date.now();
      const prefix = logPrefixFor(request.pushRef);
      const run = (args: string[], extraEnv: Record<string, string>, what: string, quiet = false) =>
        runTool(cli.binary, args, {
          exec: environment.exec,
          env: { ...environment.env, ...extraEnv },
          log,
          prefix,
          what: `${what} for ${request.pushRef} (${request.platform})`,
          hints: HINTS,
          quiet,
          secrets: Object.values(extraEnv),
        });
      const workDir = await mkdtemp(path.join(tmpdir(), 'image-manager-docker-'));
      try {
        if (request.archivePath) {
          await mkdir(path.dirname(request.archivePath), { recursive: true });
          await rm(request.archivePath, { force: true });
        }
        const digest =
          cli.mode === 'buildx'
            ? await buildWithBuildx(request, options, workDir, run)
            : await buildLegacy(request, options, run, log);
        log.info(`${prefix}pushed ${request.pushRef}@${digest}`);
        const result: BuildResult = { digest, pushedRef: request.pushRef, builder: 'docker', durationMs: Date.now() - started };
        if (request.archivePath) result.archivePath = request.archivePath;
        return result;
      } finally {
        await rm(workDir, { recursive: true, force: true });
      }
    },
  };
}

type Run = (args: string[], env: Record<string, string>, what: string, quiet?: boolean) => ReturnType<typeof runTool>;

async function buildWithBuildx(request: BuildRequest, options: DockerBuilderOptions, workDir: string, run: Run) {
  const metadataFile = path.join(workDir, 'metadata.json');
  const push = dockerBuildxBuildArgs(request, { network: options.network, metadataFile, output: 'push' });
  await run(push.args, push.env, 'docker buildx build');
  const metadata = JSON.parse(await readFile(metadataFile, 'utf8')) as Record<string, unknown>;
  const digest = metadata['containerimage.digest'];
  if (typeof digest !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(digest)) {
    throw new OperationError(`docker buildx build of ${request.pushRef} reported no image digest in its metadata`);
  }
  if (request.archivePath) {
    // Everything is cached by now: the second run only exports.
    const archive = dockerBuildxBuildArgs(request, {
      network: options.network,
      metadataFile: path.join(workDir, 'archive-metadata.json'),
      output: 'archive',
    });
    await run(archive.args, archive.env, 'docker buildx archive export', true);
  }
  return digest;
}

async function buildLegacy(request: BuildRequest, options: DockerBuilderOptions, run: Run, log: Logger) {
  const build = dockerLegacyBuildArgs(request, { network: options.network });
  for (const warning of build.warnings) log.warn(`${logPrefixFor(request.pushRef)}${warning}`);
  await run(build.args, build.env, 'docker build');
  try {
    const pushed = await run(['push', request.pushRef], {}, 'docker push');
    const digest = digestFromPushOutput(pushed.combined) ?? (await repoDigest(request.pushRef, run));
    if (request.archivePath) {
      await run(['save', '-o', request.archivePath, request.pushRef], {}, 'docker save', true);
    }
    return digest;
  } finally {
    if (!options.keepLocalImage) {
      await run(['image', 'rm', request.pushRef], {}, 'docker image rm', true).catch((error: Error) =>
        log.debug(`could not remove local image ${request.pushRef}: ${error.message}`),
      );
    }
  }
}

/** Fallback when the push output format changes: the daemon's record of the digest for this repository. */
async function repoDigest(pushRef: string, run: Run): Promise<string> {
  const inspected = await run(['image', 'inspect', '--format', '{{json .RepoDigests}}', pushRef], {}, 'docker inspect', true);
  const wanted = parseReference(pushRef);
  for (const entry of JSON.parse(inspected.stdout.trim() || '[]') as string[]) {
    const ref = parseReference(entry);
    if (ref.registry === wanted.registry && ref.repository === wanted.repository && ref.digest) return ref.digest;
  }
  throw new OperationError(`docker push of ${pushRef} succeeded but no pushed digest could be found for it`);
}
