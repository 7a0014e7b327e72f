/**
 * docker and podman as command-test runtimes. Both CLIs take the same flags for what we need: the archive is
 * loaded once (`load -i`), every test gets its own container run by image id with the entrypoint cleared (as the
 * real tool does), `--platform` (so arm64 images run under qemu without platform warnings on stderr) and
 * `--pull never`. A test with setup/teardown steps gets one container kept alive by a tiny waiting program, and each
 * step runs in it with `exec`; the container is force-removed afterwards.
 */
import { OperationError } from '../../shared/errors';
import type {
  ContainerRuntime,
  ContainerSession,
  ContainerSettings,
  LoadedImage,
  ProcessResult,
  RuntimeContext,
} from './container-runtime';
import { containerName } from './container-runtime';
import { KEEPALIVE_PATH, keepaliveProgram, keepaliveTar } from './keepalive-binary';
import { runChecked, runCommand, runQuietly } from './run-tool';

export interface EngineRuntimeOptions {
  binary?: string;
  /** Flags before the subcommand, e.g. podman's `--runtime runc --cgroup-manager cgroupfs`. */
  globalArgs?: string[];
  /** Extra flags for `run`/`create`, e.g. `--ulimit nofile=20000:20000` where the default limits cannot be set. */
  runArgs?: string[];
  /** Shown in logs and the report, e.g. `podman 4.3.1`. */
  version?: string;
}

export function createEngineRuntime(
  kind: 'docker' | 'podman',
  context: RuntimeContext,
  options: EngineRuntimeOptions = {},
): ContainerRuntime {
  const binary = options.binary ?? kind;
  const global = options.globalArgs ?? [];
  const run = (args: string[], timeoutMs?: number) => runCommand(context, binary, [...global, ...args], { timeoutMs });
  const checked = (args: string[], what: string, input?: Uint8Array) =>
    runChecked(context, binary, [...global, ...args], what, { input, timeoutMs: 300000 });
  const remove = (name: string) =>
    runQuietly(
      context,
      binary,
      [...global, 'rm', '-f', ...(kind === 'podman' ? ['-t', '0'] : []), name],
      `removing container ${name}`,
    );

  return {
    name: kind,
    description: options.version ? `${kind} ${options.version}` : kind,

    async load(archive) {
      await checked(['load', '-i', archive.file], `${kind} load of ${archive.file}`);
      return { id: archive.imageId, platform: archive.platform };
    },

    async runOnce(image, settings, argv) {
      const name = containerName();
      const args = [
        'run',
        '--rm',
        '--name',
        name,
        ...containerFlags(image, settings),
        '--entrypoint',
        '',
        image.id,
        ...argv,
      ];
      const result = await run(args, settings.timeoutMs);
      // A killed client leaves the container running; --rm alone would not remove it.
      if (result.timedOut) await remove(name);
      return result;
    },

    async withContainer(image, settings, use) {
      const arch = image.platform.split('/')[1] ?? '';
      const program = keepaliveProgram(arch);
      if (!program) {
        throw new OperationError(
          `setup and teardown steps need a container that stays up; that is supported for amd64 and arm64 images, not ${image.platform}`,
        );
      }
      const name = containerName();
      await checked(
        [
          'create',
          '--name',
          name,
          ...containerFlags(image, settings),
          ...(options.runArgs ?? []),
          '--entrypoint',
          KEEPALIVE_PATH,
          image.id,
        ],
        `${kind} create`,
      );
      try {
        await checked(['cp', '-', `${name}:/`], `${kind} cp of the keep-alive program`, keepaliveTar(program));
        await checked(['start', name], `${kind} start`);
        const session: ContainerSession = {
          exec: (argv): Promise<ProcessResult> =>
            run(['exec', ...userFlag(settings), name, ...argv], settings.timeoutMs),
        };
        return await use(session);
      } finally {
        await remove(name);
      }
    },
  };
}

function containerFlags(image: LoadedImage, settings: ContainerSettings): string[] {
  const flags = ['--platform', image.platform, '--pull', 'never'];
  if (settings.network !== 'default') flags.push('--network', settings.network);
  for (const [key, value] of settings.env) flags.push('-e', `${key}=${value}`);
  flags.push(...userFlag(settings));
  if (settings.privileged) flags.push('--privileged');
  for (const capability of settings.capabilities ?? []) flags.push('--cap-add', capability);
  for (const mount of settings.bindMounts ?? []) flags.push('-v', mount);
  return flags;
}

function userFlag(settings: ContainerSettings): string[] {
  return settings.user ? ['--user', settings.user] : [];
}
