/**
 * Credentials from `docker login`: `$DOCKER_CONFIG/config.json` or `~/.docker/config.json`. `auths` entries carry
 * `auth` (base64 user:password), `username`/`password` or an `identitytoken`; `credHelpers`/`credsStore` name a
 * `docker-credential-<helper>` program, run through the injected Exec. A missing or failing helper is a warning:
 * we continue anonymously rather than fail a job that may only need public images.
 */
import { promises as fs } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import type { Exec } from '../shared/exec';
import type { Logger } from '../shared/logger';
import {
  basicCredentials,
  identityTokenCredentials,
  registryHostOf,
  type CredentialProvider,
  type RegistryCredentials,
} from './credentials';
import { DOCKER_HUB } from './reference';

export interface DockerConfigCredentialsOptions {
  exec: Exec;
  logger: Logger;
  env?: NodeJS.ProcessEnv;
  /** Default: the user's home directory. */
  homeDir?: string;
}

interface AuthEntry {
  auth?: string;
  username?: string;
  password?: string;
  identitytoken?: string;
}

interface DockerConfigFile {
  auths?: Record<string, AuthEntry>;
  credsStore?: string;
  credHelpers?: Record<string, string>;
}

/** The config file docker itself would read. */
export function dockerConfigPath(env: NodeJS.ProcessEnv = process.env, homeDir: string = homedir()): string {
  return path.join(env.DOCKER_CONFIG || path.join(homeDir, '.docker'), 'config.json');
}

export function dockerConfigCredentials(options: DockerConfigCredentialsOptions): CredentialProvider {
  const file = dockerConfigPath(options.env ?? process.env, options.homeDir ?? homedir());
  let loaded: Promise<DockerConfigFile | undefined> | undefined;
  const config = (): Promise<DockerConfigFile | undefined> => (loaded ??= readConfig(file, options.logger));
  return {
    name: `docker config ${file}`,
    credentialsFor: async (registry) => {
      const parsed = await config();
      return parsed ? credentialsFromConfig(parsed, registryHostOf(registry), file, options) : undefined;
    },
  };
}

async function readConfig(file: string, logger: Logger): Promise<DockerConfigFile | undefined> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') logger.warn(`cannot read ${file}: ${String(error)}`);
    return undefined;
  }
  try {
    const json = JSON.parse(text) as unknown;
    if (typeof json === 'object' && json !== null) return json as DockerConfigFile;
  } catch {
    // reported below
  }
  logger.warn(`${file} is not valid JSON: ignoring it (registry access continues without its credentials)`);
  return undefined;
}

async function credentialsFromConfig(
  config: DockerConfigFile,
  host: string,
  file: string,
  options: DockerConfigCredentialsOptions,
): Promise<RegistryCredentials | undefined> {
  const entryKey = Object.keys(config.auths ?? {}).find((key) => registryHostOf(key) === host);
  const helperKey = Object.keys(config.credHelpers ?? {}).find((key) => registryHostOf(key) === host);
  // Docker looks at a registry's own helper first, then its auths entry, then the default store.
  if (helperKey && config.credHelpers) {
    return fromHelper(config.credHelpers[helperKey], serverUrl(host, helperKey), file, options);
  }
  const entry = entryKey ? config.auths?.[entryKey] : undefined;
  const inline = entry ? fromAuthEntry(entry) : undefined;
  if (inline) return inline;
  if (config.credsStore) return fromHelper(config.credsStore, serverUrl(host, entryKey), file, options);
  return undefined;
}

function fromAuthEntry(entry: AuthEntry): RegistryCredentials | undefined {
  if (entry.identitytoken) return identityTokenCredentials(entry.identitytoken);
  if (entry.auth) {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) return basicCredentials(decoded.slice(0, colon), decoded.slice(colon + 1));
  }
  if (entry.username && entry.password) return basicCredentials(entry.username, entry.password);
  return undefined;
}

/** Docker stores Docker Hub credentials under its v1 URL; helpers expect the same key back. */
function serverUrl(host: string, configuredKey?: string): string {
  if (configuredKey) return configuredKey;
  return host === DOCKER_HUB ? 'https://index.docker.io/v1/' : host;
}

async function fromHelper(
  helper: string,
  server: string,
  file: string,
  options: DockerConfigCredentialsOptions,
): Promise<RegistryCredentials | undefined> {
  const program = `docker-credential-${helper}`;
  let result;
  try {
    result = await options.exec(program, ['get'], { input: server, timeoutMs: 30_000 });
  } catch (error) {
    options.logger.warn(
      `credential helper ${program} (named in ${file}) could not be run: ${error instanceof Error ? error.message : String(error)}; continuing without credentials for ${registryHostOf(server)}`,
    );
    return undefined;
  }
  if (result.exitCode !== 0) {
    const output = `${result.stdout} ${result.stderr}`.trim();
    if (/not found/i.test(output)) {
      options.logger.debug(`${program} has no credentials for ${server}`);
    } else {
      options.logger.warn(
        `credential helper ${program} failed (exit code ${result.exitCode}); continuing without credentials for ${registryHostOf(server)}`,
      );
    }
    return undefined;
  }
  try {
    const answer = JSON.parse(result.stdout) as { Username?: string; Secret?: string };
    if (!answer.Secret) return undefined;
    // Docker's convention: the user name `<token>` marks an identity (refresh) token.
    if (answer.Username === '<token>') return identityTokenCredentials(answer.Secret);
    return basicCredentials(answer.Username ?? '', answer.Secret);
  } catch {
    options.logger.warn(`credential helper ${program} printed something that is not JSON; ignoring it`);
    return undefined;
  }
}
