/**
 * Image references (`debian`, `ghcr.io/o/r:1.2@sha256:…`, `127.0.0.1:5050/app:1`) parsed and normalised the way
 * docker and the containers tools do (grammar of distribution/reference), so a reference means the same thing to us
 * as to buildah, skopeo and docker.
 */
import { UsageError } from '../shared/errors';

/** One repository on one registry. `registry` is the host (with port) as written, `docker.io` for Docker Hub. */
export interface RepositoryRef {
  registry: string;
  repository: string;
}

/** A repository plus a tag and/or a digest. With both, the digest is what gets resolved; the tag is informative. */
export interface Reference extends RepositoryRef {
  tag?: string;
  digest?: string;
}

export const DOCKER_HUB = 'docker.io';
/** Docker Hub's API endpoint: `docker.io` is only its name in references. */
export const DOCKER_HUB_API_HOST = 'registry-1.docker.io';

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const HOST = new RegExp(`^(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?$`);
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;
const NAME_MAX_LENGTH = 255;

/** Why a reference is invalid and what to write instead. */
export interface ReferenceProblem {
  message: string;
  hint?: string;
}

export class InvalidReferenceError extends UsageError {
  constructor(
    readonly reference: string,
    readonly problem: ReferenceProblem,
  ) {
    super(`invalid image reference "${reference}": ${problem.message}${problem.hint ? ` (${problem.hint})` : ''}`);
    this.name = 'InvalidReferenceError';
  }
}

export type ReferenceParseResult = { ok: true; reference: Reference } | { ok: false; problem: ReferenceProblem };

/** Parses without throwing, for callers that collect problems (config validation). */
export function tryParseReference(text: string): ReferenceParseResult {
  const input = text.trim();
  if (input === '') return fail('the reference is empty', 'write e.g. "debian:bookworm" or "ghcr.io/owner/image:1.0"');
  if (/\s/.test(input)) return fail('it contains whitespace');

  let rest = input;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) {
      return fail(
        `invalid digest "${digest}"`,
        'a digest is "sha256:" followed by 64 lowercase hexadecimal digits (or sha512: and 128)',
      );
    }
  }

  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.indexOf(':', lastSlash + 1);
  if (colon >= 0) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) {
      return fail(
        `invalid tag "${tag}"`,
        "a tag is 1 to 128 letters, digits, '_', '.' or '-' and cannot start with '.' or '-'",
      );
    }
  }

  const { registry, path } = splitRegistry(rest);
  if (!HOST.test(registry)) return fail(`invalid registry host "${registry}"`);
  if (path === '') return fail('the repository name is missing');
  const repository = registry === DOCKER_HUB && !path.includes('/') ? `library/${path}` : path;
  for (const component of repository.split('/')) {
    if (component === '') return fail(`the repository "${path}" has an empty path component`);
    if (!PATH_COMPONENT.test(component)) {
      if (component.toLowerCase() !== component && PATH_COMPONENT.test(component.toLowerCase())) {
        return fail(`repository name must be lowercase: "${path}"`, `use "${path.toLowerCase()}"`);
      }
      return fail(
        `invalid repository path component "${component}"`,
        "use lowercase letters and digits, separated by '.', '_', '__' or '-'",
      );
    }
  }
  if (`${registry}/${repository}`.length > NAME_MAX_LENGTH) {
    return fail(`the repository name is longer than ${NAME_MAX_LENGTH} characters`);
  }
  const reference: Reference = { registry, repository };
  if (tag !== undefined) reference.tag = tag;
  if (digest !== undefined) reference.digest = digest;
  return { ok: true, reference };
}

/** Parses and normalises a reference; throws InvalidReferenceError (a UsageError) when it is invalid. */
export function parseReference(text: string): Reference {
  const result = tryParseReference(text);
  if (!result.ok) throw new InvalidReferenceError(text, result.problem);
  return result.reference;
}

/** The fully qualified form: `docker.io/library/debian:bookworm`, `127.0.0.1:5050/app@sha256:…`. */
export function formatReference(reference: Reference): string {
  let text = `${reference.registry}/${reference.repository}`;
  if (reference.tag !== undefined) text += `:${reference.tag}`;
  if (reference.digest !== undefined) text += `@${reference.digest}`;
  return text;
}

export function formatRepository(repository: RepositoryRef): string {
  return `${repository.registry}/${repository.repository}`;
}

/** What to ask the registry for: the digest when known (immutable), else the tag, else `latest` as docker does. */
export function manifestReference(reference: Reference): string {
  return reference.digest ?? reference.tag ?? 'latest';
}

export function sameRepository(a: RepositoryRef, b: RepositoryRef): boolean {
  return a.registry === b.registry && a.repository === b.repository;
}

export function withTag(repository: RepositoryRef, tag: string): Reference {
  if (!TAG.test(tag)) throw new InvalidReferenceError(`${formatRepository(repository)}:${tag}`, tagProblem(tag));
  return { registry: repository.registry, repository: repository.repository, tag };
}

export function withDigest(repository: RepositoryRef, digest: string): Reference {
  return { registry: repository.registry, repository: repository.repository, digest };
}

export function isValidTag(tag: string): boolean {
  return TAG.test(tag);
}

export function isValidDigest(digest: string): boolean {
  return DIGEST.test(digest);
}

/** The host to send API requests to (`docker.io` → `registry-1.docker.io`). */
export function apiHost(registry: string): string {
  return registry === DOCKER_HUB ? DOCKER_HUB_API_HOST : registry;
}

/** Loopback registries may be spoken to over plain HTTP without being marked insecure. */
export function isLoopbackHost(registry: string): boolean {
  const host = registry.startsWith('[') ? registry.slice(0, registry.indexOf(']') + 1) : registry.split(':')[0];
  return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Docker's rule: the part before the first `/` is a registry when it looks like a host (has a `.` or a `:port`, is
 * `localhost`, or has uppercase letters, which a repository cannot). So `a:5000` is image `a` tag `5000`, while
 * `a:5000/b` is repository `b` on registry `a:5000`.
 */
function splitRegistry(name: string): { registry: string; path: string } {
  const slash = name.indexOf('/');
  if (slash < 0) return { registry: DOCKER_HUB, path: name };
  const first = name.slice(0, slash);
  const looksLikeHost =
    first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase();
  if (!looksLikeHost) return { registry: DOCKER_HUB, path: name };
  const registry = first === 'index.docker.io' ? DOCKER_HUB : first;
  return { registry, path: name.slice(slash + 1) };
}

function tagProblem(tag: string): ReferenceProblem {
  return {
    message: `invalid tag "${tag}"`,
    hint: "a tag is 1 to 128 letters, digits, '_', '.' or '-' and cannot start with '.' or '-'",
  };
}

function fail(message: string, hint?: string): ReferenceParseResult {
  return { ok: false, problem: hint ? { message, hint } : { message } };
}
