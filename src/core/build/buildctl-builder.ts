/**
 * A standalone BuildKit daemon driven by `buildctl` (address from BUILDKIT_HOST). It pushes straight from the
 * daemon and reports the pushed manifest digest in its metadata file (`containerimage.digest`).
 *
 * CI setup. GitLab, rootless BuildKit as a service (no privileged runner; the runner's Docker executor may need
 * `security_opt = ["seccomp:unconfined", "apparmor:unconfined"]`):
 *
 *     build:
 *       image: <an image with node, image-manager and buildctl, e.g. built FROM moby/buildkit:rootless>
 *       services:
 *         - name: moby/buildkit:rootless
 *           alias: buildkitd
 *           command: ["--oci-worker-no-process-sandbox", "--addr", "tcp://0.0.0.0:1234"]
 *       variables:
 *         BUILDKIT_HOST: tcp://buildkitd:1234
 *       before_script:   # buildctl sends registry credentials from the client's docker config
 *         - mkdir -p ~/.docker && echo "{\"auths\":{\"$CI_REGISTRY\":{\"username\":\"$CI_REGISTRY_USER\",\"password\":\"$CI_REGISTRY_PASSWORD\"}}}" > ~/.docker/config.json
 *       script:
 *         - image-manager build --builder buildctl
 *
 * Or in the job container itself: start `rootlesskit buildkitd --oci-worker-no-process-sandbox --addr
 * unix:///run/user/1000/buildkit/buildkitd.sock &` in before_script and set BUILDKIT_HOST to that socket.
 *
 * Things the daemon decides, not this client:
 * - base images on plain-HTTP registries need `[registry."host:port"] http = true` in the daemon's buildkitd.toml
 *   (we only mark our own push and cache export insecure);
 * - an S3 cache without explicit keys uses the daemon's AWS credential chain: give the service container
 *   AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (GitLab passes job variables to services). Explicit keys travel as
 *   cache attributes — the only way buildctl can hand them over — and are masked in every log line;
 * - emulation of foreign platforms: qemu binfmt handlers must exist on the daemon's host, so no local check here.
 */
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { OperationError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import { buildctlBuildArgs } from './buildctl-args';
import { assertCacheSupported, type CacheType } from './cache-settings';
import { logPrefixFor, runTool, type ToolRunOptions } from './tool-run';
import type { Builder, BuilderEnvironment, BuildRequest, BuildResult } from './types';

export interface BuildctlBuilderOptions {
  /** Default: $BUILDKIT_HOST (buildctl's own default socket when unset). */
  address?: string;
  binary?: string;
  version?: string;
}

const HINTS: ToolRunOptions['hints'] = [
  {
    pattern: /server gave HTTP response to HTTPS client/,
    hint: 'A plain-HTTP registry: mark it `http = true` under [registry."host:port"] in buildkitd.toml of the daemon.',
  },
  {
    pattern: /connection refused|no such file or directory.*buildkitd\.sock|failed to list workers/i,
    hint: 'No BuildKit daemon answers: check BUILDKIT_HOST and that the buildkitd service is running.',
  },
];

export function createBuildctlBuilder(environment: BuilderEnvironment, options: BuildctlBuilderOptions = {}): Builder {
  const address = options.address ?? environment.env.BUILDKIT_HOST;
  const binary = options.binary ?? 'buildctl';
  const supportedCacheTypes: readonly CacheType[] = ['none', 'registry', 's3', 'gha'];
  return {
    kind: 'buildctl',
    supportedCacheTypes,
    describe: () => `buildctl${options.version ? ` ${options.version}` : ''} → ${address ?? 'default BuildKit socket'}`,
    async build(request: BuildRequest, log: Logger): Promise<BuildResult> {
      assertCacheSupported({ kind: 'buildctl', supportedCacheTypes }, request.cache);
      const started = Date.now();
      const workDir = await mkdtemp(path.join(tmpdir(), 'image-manager-buildctl-'));
      try {
        const run = (args: string[], env: Record<string, string>, secrets: string[], what: string, quiet = false) =>
          runTool(binary, args, {
            exec: environment.exec,
            env: { ...environment.env, ...env },
            log,
            prefix: logPrefixFor(request.pushRef),
            what: `${what} for ${request.pushRef} (${request.platform})`,
            hints: HINTS,
            secrets: [...secrets, ...Object.values(env)],
            quiet,
          });
        const metadataFile = path.join(workDir, 'metadata.json');
        const push = buildctlBuildArgs(request, { address, metadataFile, output: 'push' });
        await run(push.args, push.env, push.secrets, 'buildctl build');
        const metadata = JSON.parse(await readFile(metadataFile, 'utf8')) as Record<string, unknown>;
        const digest = metadata['containerimage.digest'];
        if (typeof digest !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(digest)) {
          throw new OperationError(`buildctl build of ${request.pushRef} reported no image digest in its metadata`);
        }
        log.info(`${logPrefixFor(request.pushRef)}pushed ${request.pushRef}@${digest}`);
        if (request.archivePath) {
          await mkdir(path.dirname(request.archivePath), { recursive: true });
          const archive = buildctlBuildArgs(request, {
            address,
            metadataFile: path.join(workDir, 'archive-metadata.json'),
            output: 'archive',
          });
          await run(archive.args, archive.env, archive.secrets, 'buildctl archive export', true);
        }
        const result: BuildResult = {
          digest,
          pushedRef: request.pushRef,
          builder: 'buildctl',
          durationMs: Date.now() - started,
        };
        if (request.archivePath) result.archivePath = request.archivePath;
        return result;
      } finally {
        await rm(workDir, { recursive: true, force: true });
      }
    },
  };
}
