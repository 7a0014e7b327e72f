/**
 * Shared pieces of the builder integration tests: tiny build contexts FROM the seeded busybox images, a request
 * with sensible defaults, and registry inspection through skopeo (an independent tool, so a builder cannot agree
 * with itself about what it pushed).
 */
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { BuildRequest } from '../../../src/core/build/types';
import { containersEnv } from '../../support/containers-env';
import { testStateDir } from '../../support/shared-services';

export function nonce(): string {
  return randomBytes(5).toString('hex');
}

/** A scratch directory under the test state dir (ignored by git, removed with it), not littering /tmp. */
export function scratchDir(prefix: string): string {
  const root = path.join(testStateDir(), 'build-scratch');
  mkdirSync(root, { recursive: true });
  return mkdtempSync(path.join(root, prefix));
}

/** A context with `file.txt` (content = `fileContent`) and a Dockerfile made of `lines`. */
export function makeContext(lines: string[], fileContent = 'hello\n'): { contextDir: string; dockerfile: string } {
  const contextDir = scratchDir('ctx-');
  writeFileSync(path.join(contextDir, 'file.txt'), fileContent);
  const dockerfile = path.join(contextDir, 'Dockerfile');
  writeFileSync(dockerfile, `${lines.join('\n')}\n`);
  return { contextDir, dockerfile };
}

export function buildRequest(
  overrides: Partial<BuildRequest> & Pick<BuildRequest, 'contextDir' | 'dockerfile' | 'pushRef' | 'platform'>,
  registry: string,
): BuildRequest {
  return {
    labels: {},
    buildArgs: {},
    cache: { type: 'none' },
    noCache: false,
    insecureRegistries: [registry],
    ...overrides,
  };
}

function skopeo(args: string[]): string {
  return execFileSync('skopeo', args, {
    env: containersEnv(),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** The manifest exactly as the registry serves it, and its digest computed here. */
export function registryManifest(ref: string): { digest: string; manifest: RegistryManifest } {
  const raw = skopeo(['inspect', '--raw', '--tls-verify=false', `docker://${ref}`]);
  return {
    digest: `sha256:${createHash('sha256').update(raw).digest('hex')}`,
    manifest: JSON.parse(raw) as RegistryManifest,
  };
}

export interface RegistryManifest {
  mediaType?: string;
  config: { digest: string };
  layers: Array<{ digest: string }>;
}

export interface ImageConfig {
  architecture: string;
  os: string;
  created?: string;
  config: { Labels?: Record<string, string> };
}

export function registryConfig(ref: string): ImageConfig {
  return JSON.parse(skopeo(['inspect', '--config', '--tls-verify=false', `docker://${ref}`])) as ImageConfig;
}

export function existsInRegistry(ref: string): boolean {
  try {
    skopeo(['inspect', '--raw', '--tls-verify=false', `docker://${ref}`]);
    return true;
  } catch {
    return false;
  }
}

/** A containers env with its own, empty vfs storage: a "fresh CI runner" for cache tests. */
export function freshContainersEnv(): NodeJS.ProcessEnv {
  const base = containersEnv();
  const dir = mkdtempSync(path.join(testStateDir(), 'fresh-storage-'));
  const storageConf = path.join(dir, 'storage.conf');
  writeFileSync(
    storageConf,
    `[storage]\ndriver = "vfs"\nrunroot = "${path.join(dir, 'run')}"\ngraphroot = "${path.join(dir, 'storage')}"\n`,
  );
  return { ...base, CONTAINERS_STORAGE_CONF: storageConf };
}

export function localImageNames(env: NodeJS.ProcessEnv): string[] {
  const out = execFileSync('buildah', ['images', '--format', '{{.Name}}:{{.Tag}}'], { env, encoding: 'utf8' });
  return out.split('\n').filter(Boolean);
}
