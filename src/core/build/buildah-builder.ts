/**
 * The daemonless builder: `buildah bud` then `buildah push`. It runs unprivileged in a plain CI container (chroot
 * isolation), which is what GitLab users need now that kaniko is unmaintained. The digest reported is the one the
 * registry stores (`push --digestfile`): the id printed at build time differs, because layers are recompressed on
 * push (environment.md §3).
 */
import { mkdtemp, readFile, rm, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { OperationError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import {
  buildahArchiveArgs,
  buildahBudArgs,
  buildahPullArgs,
  buildahPushArgs,
  type BuildahIsolation,
} from './buildah-args';
import { planBuildahTls } from './buildah-tls-plan';
import { assertCacheSupported, cacheRepository, type CacheType } from './cache-settings';
import { dockerfileImageRefs } from './dockerfile-refs';
import { appendLabelInstruction } from './label-instruction';
import { ensurePlatformRunnable, type EmulationCheckOptions } from './platform';
import { logPrefixFor, runTool, type ToolRunOptions } from './tool-run';
import type { Builder, BuilderEnvironment, BuildRequest, BuildResult } from './types';

export interface BuildahBuilderOptions {
  /** `chroot` (default) works in unprivileged containers; `oci` needs a working runtime and namespaces. */
  isolation?: BuildahIsolation;
  /** Keep the built image in local storage (default: removed after push; the layer cache stays). */
  keepLocalImage?: boolean;
  binary?: string;
  /** Version string for describe(), when the caller already asked buildah. */
  version?: string;
  emulation?: EmulationCheckOptions;
}

const HINTS: ToolRunOptions['hints'] = [
  {
    pattern: /server gave HTTP response to HTTPS client/,
    hint: 'The registry speaks plain HTTP: list it in the insecure registries (registries[].insecure in .image-manager.yml).',
  },
  {
    pattern: /exec format error/,
    hint: 'A binary for another architecture could not run: check qemu binfmt emulation for this platform.',
  },
];

export function createBuildahBuilder(environment: BuilderEnvironment, options: BuildahBuilderOptions = {}): Builder {
  const isolation = options.isolation ?? 'chroot';
  const binary = options.binary ?? 'buildah';
  const supportedCacheTypes: readonly CacheType[] = ['none', 'registry'];
  return {
    kind: 'buildah',
    supportedCacheTypes,
    describe: () => `buildah${options.version ? ` ${options.version}` : ''} (isolation ${isolation})`,
    async build(request: BuildRequest, log: Logger): Promise<BuildResult> {
      assertCacheSupported({ kind: 'buildah', supportedCacheTypes }, request.cache);
      ensurePlatformRunnable(request.platform, options.emulation);
      const started = Date.now();
      const localName = request.pushRef;
      const run = (args: string[], what: string, quiet = false) =>
        runTool(binary, args, {
          exec: environment.exec,
          env: environment.env,
          log,
          prefix: logPrefixFor(request.pushRef),
          what: `${what} for ${request.pushRef} (${request.platform})`,
          hints: HINTS,
          quiet,
        });

      const dockerfileText = await readFile(request.dockerfile, 'utf8').catch((error: NodeJS.ErrnoException) => {
        throw new OperationError(`cannot read the Dockerfile ${request.dockerfile}: ${error.message}`);
      });
      const images = dockerfileImageRefs(dockerfileText, request.buildArgs, request.platform);
      const plan = planBuildahTls({
        images,
        cacheRef: request.cache.type === 'registry' ? cacheRepository(request.cache.ref) : undefined,
        pushRef: request.pushRef,
        insecureRegistries: request.insecureRegistries,
      });

      const workDir = await mkdtemp(path.join(tmpdir(), 'image-manager-buildah-'));
      let built = false;
      try {
        const pullPolicy = request.pull === 'missing' ? 'missing' : 'always';
        for (const { ref, tlsVerify } of plan.prePull) {
          await run(buildahPullArgs(ref, request.platform, tlsVerify, pullPolicy), `buildah pull ${ref}`, true);
        }
        const budArgs = buildahBudArgs({
          request: await withLabelInstruction(request, dockerfileText, workDir),
          localName,
          isolation,
          tlsVerify: plan.budTlsVerify,
          pull: plan.prePull.length > 0 ? 'missing' : undefined,
        });
        await run(budArgs, 'buildah bud');
        built = true;

        const digestFile = path.join(workDir, 'digest');
        await run(buildahPushArgs(localName, request.pushRef, digestFile, plan.pushTlsVerify), 'buildah push');
        const digest = (await readFile(digestFile, 'utf8')).trim();
        if (!/^sha256:[0-9a-f]{64}$/.test(digest)) {
          throw new OperationError(`buildah push of ${request.pushRef} wrote no valid digest (got "${digest}")`);
        }
        log.info(`${logPrefixFor(request.pushRef)}pushed ${request.pushRef}@${digest}`);

        if (request.archivePath) {
          await mkdir(path.dirname(request.archivePath), { recursive: true });
          // docker-archive refuses to add to an existing file.
          await rm(request.archivePath, { force: true });
          await run(buildahArchiveArgs(localName, request.archivePath, request.pushRef), 'buildah archive export', true);
        }
        const result: BuildResult = {
          digest,
          pushedRef: request.pushRef,
          builder: 'buildah',
          durationMs: Date.now() - started,
        };
        if (request.archivePath) result.archivePath = request.archivePath;
        return result;
      } finally {
        await rm(workDir, { recursive: true, force: true });
        if (built && !options.keepLocalImage) {
          // Only our own tag: the cache-tagged step images may be in use by a parallel build of a sibling tag.
          await run(['rmi', localName], 'buildah rmi', true).catch((error: Error) =>
            log.debug(`could not remove local image ${localName}: ${error.message}`),
          );
        }
      }
    },
  };
}

/** The request with its labels moved into one LABEL instruction of a copy of the Dockerfile (label-instruction.ts). */
async function withLabelInstruction(request: BuildRequest, dockerfileText: string, workDir: string): Promise<BuildRequest> {
  if (Object.keys(request.labels).length === 0) return request;
  const labelled = appendLabelInstruction(dockerfileText, request.labels);
  if (labelled === undefined) return request;
  const dockerfile = path.join(workDir, 'Dockerfile');
  await writeFile(dockerfile, labelled);
  return { ...request, dockerfile, labels: {} };
}
