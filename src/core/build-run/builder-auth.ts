/**
 * Builders push and pull on their own, so they need the same credentials our registry client uses: from
 * .image-manager.yml, the Docker config (and its helpers) and the CI defaults (GITHUB_TOKEN for ghcr.io,
 * CI_REGISTRY_* on GitLab). They get them through a temporary auth file (mode 0600, removed after the run) that
 * buildah/podman/skopeo read from REGISTRY_AUTH_FILE and Docker from DOCKER_CONFIG — never on a command line.
 */
import { existsSync, promises as fs, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { registryHostOf, type CredentialProvider } from '../registry';

export interface BuilderAuth {
  env: NodeJS.ProcessEnv;
  /** Hosts an entry was written for (for the log; never the credentials). */
  hosts: string[];
  dispose(): Promise<void>;
}

export async function prepareBuilderAuth(
  env: NodeJS.ProcessEnv,
  registries: string[],
  credentials: CredentialProvider,
): Promise<BuilderAuth> {
  const auths: Record<string, { auth: string }> = {};
  for (const registry of [...new Set(registries.map(registryHostOf))].sort()) {
    const found = await credentials.credentialsFor(registry);
    if (found?.kind === 'basic') {
      auths[registry] = { auth: Buffer.from(`${found.username}:${found.password}`).toString('base64') };
    }
  }
  const hosts = Object.keys(auths);
  if (hosts.length === 0) return { env, hosts, dispose: async () => {} };
  const dir = await fs.mkdtemp(path.join(tmpdir(), 'image-manager-auth-'));
  await fs.chmod(dir, 0o700);
  const next: NodeJS.ProcessEnv = { ...env };
  // The user's own auth file / Docker config stays in force for every other registry: ours is merged into a copy.
  const containersAuth = path.join(dir, 'auth.json');
  await writePrivateJson(containersAuth, merge(readJson(env.REGISTRY_AUTH_FILE), auths));
  next.REGISTRY_AUTH_FILE = containersAuth;
  const dockerDir = path.join(dir, 'docker');
  await fs.mkdir(dockerDir, { mode: 0o700 });
  const dockerConfigFile = path.join(env.DOCKER_CONFIG ?? path.join(env.HOME ?? '', '.docker'), 'config.json');
  await writePrivateJson(path.join(dockerDir, 'config.json'), merge(readJson(dockerConfigFile), auths));
  next.DOCKER_CONFIG = dockerDir;
  return { env: next, hosts, dispose: () => fs.rm(dir, { recursive: true, force: true }) };
}

function readJson(file: string | undefined): Record<string, unknown> {
  if (!file || !existsSync(file)) return {};
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function merge(existing: Record<string, unknown>, auths: Record<string, { auth: string }>): Record<string, unknown> {
  const current = (existing.auths && typeof existing.auths === 'object' ? existing.auths : {}) as Record<
    string,
    unknown
  >;
  return { ...existing, auths: { ...current, ...auths } };
}

async function writePrivateJson(file: string, value: unknown): Promise<void> {
  await fs.writeFile(file, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
}
