/**
 * buildah as a daemonless command-test runtime: the archive is pulled into local storage once, each test gets a
 * working container (`buildah from`), every step runs in it with `buildah run` (which does not use the image's
 * entrypoint, like the real tool), and the container is removed afterwards. With chroot isolation (works without
 * privileges in CI containers) the container shares the host network; `--network` is only passed with oci isolation.
 */
import type {
  ContainerRuntime,
  ContainerSession,
  ContainerSettings,
  ProcessResult,
  RuntimeContext,
} from './container-runtime';
import { containerName } from './container-runtime';
import { cleanBuildahResult } from './buildah-output';
import { runChecked, runCommand, runQuietly } from './run-tool';

export interface BuildahRuntimeOptions {
  binary?: string;
  /** `chroot` (default) or `oci`; with `oci` pass the runtime in `runArgs`, e.g. `--runtime runc`. */
  isolation?: 'chroot' | 'oci' | 'rootless';
  runArgs?: string[];
  version?: string;
}

export function createBuildahRuntime(context: RuntimeContext, options: BuildahRuntimeOptions = {}): ContainerRuntime {
  const binary = options.binary ?? 'buildah';
  const isolation = options.isolation ?? 'chroot';
  let warnedPrivileged = false;

  const runArgs = (settings: ContainerSettings): string[] => {
    const args = ['--isolation', isolation, ...(options.runArgs ?? [])];
    if (isolation !== 'chroot' && settings.network !== 'default') args.push('--network', settings.network);
    for (const [key, value] of settings.env) args.push('-e', `${key}=${value}`);
    if (settings.user) args.push('--user', settings.user);
    for (const capability of settings.capabilities ?? []) args.push('--cap-add', capability);
    for (const mount of settings.bindMounts ?? []) args.push('-v', mount);
    if (settings.privileged && !warnedPrivileged) {
      warnedPrivileged = true;
      context.log.warn('containerRunOptions.privileged has no buildah equivalent and is ignored');
    }
    return args;
  };

  const runtime: ContainerRuntime = {
    name: 'buildah',
    description: options.version ? `buildah ${options.version}` : 'buildah',

    async load(archive) {
      await runChecked(
        context,
        binary,
        ['pull', '-q', `docker-archive:${archive.file}`],
        `buildah pull of ${archive.file}`,
        {
          timeoutMs: 300000,
        },
      );
      return { id: archive.imageId, platform: archive.platform };
    },

    runOnce(image, settings, argv) {
      return runtime.withContainer(image, settings, (session) => session.exec(argv));
    },

    async withContainer(image, settings, use) {
      const name = containerName();
      await runChecked(
        context,
        binary,
        ['from', '--pull-never', '-q', '--name', name, '--platform', image.platform, image.id],
        'buildah from',
        { timeoutMs: 300000 },
      );
      try {
        const session: ContainerSession = {
          async exec(argv): Promise<ProcessResult> {
            const result = await runCommand(context, binary, ['run', ...runArgs(settings), name, '--', ...argv], {
              timeoutMs: settings.timeoutMs,
            });
            return { ...result, ...cleanBuildahResult(result.stderr, result.exitCode) };
          },
        };
        return await use(session);
      } finally {
        await runQuietly(context, binary, ['rm', name], `removing buildah container ${name}`);
      }
    },
  };
  return runtime;
}
