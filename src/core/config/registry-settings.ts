/**
 * The registries of .image-manager.yml, normalised: `registries` wins over the legacy single `registry`, exactly
 * one entry is the push registry, a scheme is dropped, and without any registry the embedded local one is used.
 */
import { registerSecret } from '../shared/redact';
import { type ConfigContext, problemAt, readText } from './config-context';
import type { FieldPath } from './field-path';
import { quote } from './quote';
import type { RawProjectConfig, RawRegistry } from './raw-project-config';
import type { RegistryConfig } from './types';
import { explainImageName } from './value-explainers';

/** The registry the embedded daemon serves when a project configures none. */
export const LOCAL_REGISTRY_URL = '127.0.0.1:5050';

const HOST = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)(:\d{1,5})?$/;
const PATH_COMPONENT = /^[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*$/;

/**
 * Only loopback hosts are insecure by default. The proof of concept also guessed 10.x and 192.168.x, but a
 * private address says nothing about TLS: most private registries (Harbor, Nexus, ECR endpoints) serve HTTPS,
 * and guessing wrong would send credentials in clear text and skip certificate checks. Docker's daemon makes
 * the same choice (only 127.0.0.0/8 is insecure by default); anything else opts in with `insecure: true`.
 */
export function isLoopbackHost(host: string): boolean {
  const name = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return name === 'localhost' || name === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name);
}

/** Splits `host[:port]` off a registry URL: `[::1]:5000/x` → `[::1]`. */
export function registryHost(url: string): string {
  const hostAndPort = url.split('/')[0];
  return hostAndPort.startsWith('[') ? hostAndPort.slice(0, hostAndPort.indexOf(']') + 1) : hostAndPort.split(':')[0];
}

interface ParsedUrl {
  url: string;
  plainHttp: boolean;
}

function parseRegistryUrl(ctx: ConfigContext, path: FieldPath, text: string): ParsedUrl | undefined {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text);
  const url = text.slice(scheme ? scheme[0].length : 0).replace(/\/+$/, '');
  const [hostAndPort, ...parts] = url.split('/');
  const fail = (message: string, hint: string): undefined => void problemAt(ctx, path, { message, hint }, 'value');
  // Checked first and never echoed: `user:password@host` holds a credential.
  if (hostAndPort.includes('@'))
    return fail('a registry url must not contain credentials', 'use `username` and `password` (with `${VAR}`)');
  if (parts.some((part) => part.includes(':') || part.includes('@'))) {
    return fail(
      `${quote(url)}: a registry url names a registry or a path in it, not an image with a tag or digest`,
      `use ${quote(url.replace(/[:@].*$/, ''))}`,
    );
  }
  if (!HOST.test(hostAndPort))
    return fail(`${quote(url)} does not start with a host name`, 'write `host[:port][/path]`, e.g. `ghcr.io/acme`');
  const badPart = parts.find((part) => !PATH_COMPONENT.test(part));
  if (badPart !== undefined) {
    const { message, hint } = explainImageName(badPart);
    return fail(`registry path: ${message}`, hint ?? 'use lowercase path parts');
  }
  return { url, plainHttp: scheme?.[1].toLowerCase() === 'http' };
}

function toRegistry(ctx: ConfigContext, path: FieldPath, raw: RawRegistry, url: ParsedUrl): RegistryConfig {
  let username = readText(ctx, [...path, 'username'], raw.username, 'no credentials for this registry');
  let password = readText(ctx, [...path, 'password'], raw.password, 'no credentials for this registry');
  // Credentials come as a pair: a user name alone cannot log in, a password alone has no user.
  if (username === undefined || password === undefined) username = password = undefined;
  registerSecret(password);
  const host = registryHost(url.url);
  return {
    url: url.url,
    ...(username !== undefined ? { username, password } : {}),
    default: raw.default ?? false,
    insecure: raw.insecure ?? (url.plainHttp || isLoopbackHost(host)),
  };
}

export function normaliseRegistries(ctx: ConfigContext, raw: RawProjectConfig): RegistryConfig[] {
  const registries: RegistryConfig[] = [];
  (raw.registries ?? []).forEach((entry, index) => {
    const path = ['registries', index];
    const text = readText(ctx, [...path, 'url'], entry.url, 'this registry is left out');
    const url = text ? parseRegistryUrl(ctx, [...path, 'url'], text) : undefined;
    if (url) registries.push(toRegistry(ctx, path, entry, url));
  });
  if (registries.length === 0 && raw.registry) {
    const text = readText(
      ctx,
      ['registry', 'url'],
      raw.registry.url,
      `the local registry ${LOCAL_REGISTRY_URL} is used`,
    );
    const url = text ? parseRegistryUrl(ctx, ['registry', 'url'], text) : { url: LOCAL_REGISTRY_URL, plainHttp: false };
    // The legacy single registry is always the push registry.
    if (url) registries.push(toRegistry(ctx, ['registry'], { ...raw.registry, default: true }, url));
  } else if (raw.registry) {
    ctx.logger.debug('.image-manager.yml: `registry` is ignored because `registries` lists registries');
  }
  const override = registryOverride(ctx, registries);
  if (registries.length === 0) registries.push({ url: LOCAL_REGISTRY_URL, default: true, insecure: true });
  const push = override ?? registries.find((registry) => registry.default) ?? registries[0];
  return registries.map((registry) => ({ ...registry, default: registry === push }));
}

/**
 * `IMAGE_MANAGER_REGISTRY` chooses the push registry from the environment: what CI templates use to default to
 * `$CI_REGISTRY_IMAGE` or `ghcr.io/<owner>` without editing the project's file. A configured entry with the same
 * url keeps its credentials; otherwise credentials come from the Docker config or the CI defaults.
 */
function registryOverride(ctx: ConfigContext, registries: RegistryConfig[]): RegistryConfig | undefined {
  const text = ctx.env.IMAGE_MANAGER_REGISTRY?.trim();
  if (!text) return undefined;
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text);
  const url = text.slice(scheme ? scheme[0].length : 0).replace(/\/+$/, '');
  const [hostAndPort, ...parts] = url.split('/');
  if (!HOST.test(hostAndPort) || hostAndPort.includes('@') || parts.some((p) => !PATH_COMPONENT.test(p))) {
    ctx.problems.push({
      message: `IMAGE_MANAGER_REGISTRY is not a registry url (host[:port][/path], lowercase path)`,
      location: { file: 'environment variable IMAGE_MANAGER_REGISTRY' },
    });
    return undefined;
  }
  const existing = registries.find((registry) => registry.url === url);
  if (existing) return existing;
  const added: RegistryConfig = {
    url,
    default: true,
    insecure: scheme?.[1].toLowerCase() === 'http' || isLoopbackHost(registryHost(url)),
  };
  registries.push(added);
  return added;
}

/** The registry images are pushed to (normalisation guarantees exactly one). */
export function pushRegistry(registries: RegistryConfig[]): RegistryConfig {
  return registries.find((registry) => registry.default) ?? registries[0];
}
