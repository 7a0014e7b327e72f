/**
 * One error type for everything that goes wrong talking to a registry. It names the registry, repository, the
 * operation and the HTTP status with the registry's own error code and message, so a CI log line is enough to act
 * on. It never carries a credential: the message goes through redact() and request headers are never included.
 */
import { OperationError } from '../shared/errors';
import { redact } from '../shared/redact';

export interface RegistryErrorDetails {
  registry: string;
  repository?: string;
  /** What we were doing, e.g. `GET manifest 1.2.3`, `mount blob sha256:…`. */
  operation: string;
  status?: number;
  /** The registry's error code from the JSON error body (`MANIFEST_UNKNOWN`, `DENIED`, …). */
  code?: string;
  registryMessage?: string;
  /** Why it failed when there is no HTTP status (connection reset, digest mismatch, …). */
  reason?: string;
  hint?: string;
  attempts?: number;
  cause?: unknown;
}

export class RegistryError extends OperationError {
  readonly registry: string;
  readonly repository?: string;
  readonly operation: string;
  readonly status?: number;
  readonly code?: string;
  readonly registryMessage?: string;
  readonly attempts?: number;

  constructor(readonly details: RegistryErrorDetails) {
    super(formatRegistryError(details), details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'RegistryError';
    this.registry = details.registry;
    this.repository = details.repository;
    this.operation = details.operation;
    this.status = details.status;
    this.code = details.code;
    this.registryMessage = details.registryMessage === undefined ? undefined : redact(details.registryMessage);
    this.attempts = details.attempts;
  }
}

/** The same error, saying how many attempts were made in total. */
export function withAttempts(error: RegistryError, attempts: number): RegistryError {
  return new RegistryError({ ...error.details, attempts: Math.max(attempts, error.attempts ?? 1), cause: error });
}

/** The `{"errors":[{"code","message","detail"}]}` body of the distribution API, when there is one. */
export function parseRegistryErrorBody(body: Uint8Array): { code?: string; message?: string } {
  try {
    const json = JSON.parse(Buffer.from(body).toString('utf8')) as {
      errors?: Array<{ code?: unknown; message?: unknown }>;
    };
    const first = Array.isArray(json.errors) ? json.errors[0] : undefined;
    if (!first) return {};
    const result: { code?: string; message?: string } = {};
    if (typeof first.code === 'string') result.code = first.code;
    if (typeof first.message === 'string') result.message = first.message;
    return result;
  } catch {
    return {};
  }
}

/** A default hint for an HTTP status, naming what the user can check. */
export function hintForStatus(status: number, registry: string): string | undefined {
  if (status === 401) {
    return `check the credentials for ${registry} (.image-manager.yml registries, docker login, or the CI registry variables)`;
  }
  if (status === 403) return `the credentials for ${registry} are valid but lack access to this repository`;
  if (status === 429) return `${registry} is rate limiting requests; retry later or authenticate to get a higher limit`;
  if (status >= 500) return `${registry} is failing or unavailable; retry later`;
  return undefined;
}

function formatRegistryError(d: RegistryErrorDetails): string {
  const where = d.repository ? `${d.registry}/${d.repository}` : d.registry;
  let text = `registry ${where}: ${d.operation} failed`;
  if (d.status !== undefined) text += `: HTTP ${d.status}`;
  if (d.code) text += ` ${d.code}`;
  if (d.registryMessage) text += ` (${d.registryMessage})`;
  if (d.reason) text += `: ${d.reason}`;
  if (d.attempts !== undefined && d.attempts > 1) text += ` after ${d.attempts} attempts`;
  if (d.hint) text += `; ${d.hint}`;
  return redact(text);
}
