import { loadProjectConfig } from '../../core/config/load-project-config';
import { pushRegistry } from '../../core/config/registry-settings';
import {
  localRegistryFor,
  localRegistryStatus,
  startLocalRegistry,
  stopLocalRegistry,
  type LocalRegistry,
} from '../../core/build-run/local-registry';
import { didYouMean } from '../../core/shared/did-you-mean';
import { UsageError } from '../../core/shared/errors';
import { execProcess, type Exec } from '../../core/shared/exec';
import type { CliContext, Command, ParsedCommandLine } from '../command';
import { directoryOption, projectRoot } from './common-options';

const DAEMONS = ['registry'];

const WHICH = `
The only daemon image-manager runs is the embedded registry: the distribution registry binary when
installed (Debian: apt-get install docker-registry), else the registry:2 container on a local Docker engine.
It listens on the push registry of .image-manager.yml when that is a loopback host:port, else on
127.0.0.1:5050; its config, data, pid and log are kept in .image-manager/registry/. Builds need no other
daemon (buildah is daemonless), and \`image-manager build\` starts this registry itself when the push
registry is 127.0.0.1:5050 or localhost:5050.`;

export interface DaemonCommandDependencies {
  exec?: Exec;
}

export function createDaemonCommands(dependencies: DaemonCommandDependencies = {}): Command[] {
  const exec = dependencies.exec ?? execProcess;
  const start: Command = {
    name: 'start',
    summary: 'start the embedded local registry',
    args: '[registry]',
    description: `${WHICH}\n\nDoes nothing when it already runs; fails when another program holds the port.`,
    options: { ...directoryOption },
    async run(commandLine, context) {
      const registry = await resolveRegistry(commandLine, context);
      const outcome = await startLocalRegistry(registry, { exec, env: context.env });
      context.stdout(`registry: ${outcome.started ? 'started' : 'already running'} (${outcome.status.detail})\n`);
      return 0;
    },
  };
  const stop: Command = {
    name: 'stop',
    summary: 'stop the embedded local registry (its images are kept)',
    args: '[registry]',
    description: `${WHICH}\n\nThe registry's data stays in .image-manager/registry/data; a registry image-manager did not start is left alone.`,
    options: { ...directoryOption },
    async run(commandLine, context) {
      const registry = await resolveRegistry(commandLine, context);
      const outcome = await stopLocalRegistry(registry, { exec, env: context.env });
      const text = {
        stopped: `stopped (${registry.address}; data kept in ${registry.stateDir}/data)`,
        'not-running': `was not running (${registry.address})`,
        'not-ours': `not stopped: what runs on ${registry.address} was not started by image-manager`,
      }[outcome];
      context.stdout(`registry: ${text}\n`);
      return 0;
    },
  };
  const status: Command = {
    name: 'status',
    summary: 'tell whether the embedded local registry runs',
    args: '[registry]',
    description: `${WHICH}\n\nPrints one of: running, not running, not answering (our process is alive but the port is silent),
another registry (not started by image-manager) answers, port taken by another program.
Exit code 0 when a registry answers there (ours or another one), 1 otherwise.`,
    options: { ...directoryOption },
    async run(commandLine, context) {
      const registry = await resolveRegistry(commandLine, context);
      const result = await localRegistryStatus(registry, { exec, env: context.env });
      const words = {
        running: 'running',
        'not-running': 'not running',
        unresponsive: 'not answering',
        'other-registry': 'another registry answers',
        'port-taken': 'port taken',
      }[result.state];
      context.stdout(`registry: ${words} (${result.detail})\n`);
      return result.state === 'running' || result.state === 'other-registry' ? 0 : 1;
    },
  };
  return [start, stop, status];
}

export const [startCommand, stopCommand, statusCommand] = createDaemonCommands();

async function resolveRegistry(commandLine: ParsedCommandLine, context: CliContext): Promise<LocalRegistry> {
  for (const name of commandLine.positionals) {
    if (!DAEMONS.includes(name)) {
      const suggestion = didYouMean(name, DAEMONS);
      throw new UsageError(
        `unknown daemon "${name}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}: image-manager only runs the local registry ` +
          '(builds use buildah, which needs no daemon)',
      );
    }
  }
  const root = projectRoot(commandLine, context);
  const config = await loadProjectConfig(root, context.env, context.logger);
  return localRegistryFor(root, pushRegistry(config.registries).url);
}
