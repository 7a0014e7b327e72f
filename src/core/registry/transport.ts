/**
 * Sends one registry API request: picks http or https for the host, adds authentication (answering a 401
 * challenge once), retries transient failures, follows redirects (dropping credentials when the host changes, as
 * blob storage redirects to signed URLs), and turns anything unexpected into a RegistryError.
 */
import type { Logger } from '../shared/logger';
import { mergeScopes, type AuthScope } from './auth-challenge';
import type { Authenticator } from './auth';
import { hintForStatus, parseRegistryErrorBody, RegistryError } from './errors';
import { isRedirect, sendHttp, type FetchFunction, type HttpResult } from './http';
import { apiHost, isLoopbackHost } from './reference';
import {
  errorText,
  isRetryableStatus,
  parseRetryAfter,
  RetriesExhaustedError,
  withRetry,
  type Clock,
  type RetryPolicy,
} from './retry';

export interface TransportOptions {
  fetch: FetchFunction;
  authenticator: Authenticator;
  clock: Clock;
  retry: RetryPolicy;
  logger: Logger;
  /** Hosts (with port) that may be spoken to over plain HTTP although they are not loopback. */
  insecureRegistries: ReadonlySet<string>;
  idleTimeoutMs: number;
  userAgent: string;
}

export interface RegistryRequest {
  registry: string;
  repository?: string;
  /** For error messages: `GET manifest 1.2.3`. */
  operation: string;
  method: 'GET' | 'HEAD' | 'PUT' | 'POST' | 'PATCH' | 'DELETE';
  /** `/v2/…` below the registry root, or an absolute URL the registry gave us (an upload Location). */
  path: string;
  headers?: Record<string, string>;
  body?: Uint8Array;
  scopes: AuthScope[];
  /** Statuses that are answers (e.g. 404 for a HEAD that asks "does it exist?"); others raise RegistryError. */
  expect: number[];
  /** Default true. Off for steps that cannot simply be resent (a blob upload's PUT), retried by the caller. */
  retry?: boolean;
  /** A hint for error messages, used instead of the generic one for the status. */
  hints?: Partial<Record<number, string>>;
}

const MAX_REDIRECTS = 5;

export class RegistryTransport {
  /** Requests sent to registries so far (token requests excluded). */
  requestCount = 0;

  constructor(private readonly options: TransportOptions) {}

  baseUrl(registry: string): string {
    const plain = isLoopbackHost(registry) || this.options.insecureRegistries.has(registry);
    return `${plain ? 'http' : 'https'}://${apiHost(registry)}`;
  }

  async send(request: RegistryRequest): Promise<HttpResult> {
    const { authenticator } = this.options;
    let scopes = mergeScopes(request.scopes);
    let authorization = await authenticator.authorization(request.registry, scopes);
    let { value: response, attempts } = await this.sendRetrying(request, authorization);
    if (response.status === 401) {
      const outcome = await authenticator.onUnauthorized(
        request.registry,
        response.headers.get('www-authenticate'),
        scopes,
        authorization,
      );
      if (outcome.retry) {
        scopes = outcome.scopes;
        authorization = await authenticator.authorization(request.registry, scopes);
        ({ value: response, attempts } = await this.sendRetrying(request, authorization));
      }
    }
    if (request.expect.includes(response.status)) return response;
    throw await this.errorFor(request, response, attempts, authorization);
  }

  private async sendRetrying(
    request: RegistryRequest,
    authorization: string | undefined,
  ): Promise<{ value: HttpResult; attempts: number }> {
    const { clock, logger } = this.options;
    const policy = request.retry === false ? { ...this.options.retry, maxAttempts: 1 } : this.options.retry;
    try {
      return await withRetry(() => this.sendFollowingRedirects(request, authorization), {
        policy,
        clock,
        classify: (r) => ({
          retry: isRetryableStatus(r.status),
          retryAfterMs: parseRetryAfter(r.headers.get('retry-after'), clock.now()),
        }),
        describe: (r) => `HTTP ${r.status}`,
        onRetry: ({ attempt, delayMs, reason }) =>
          logger.debug(
            `registry ${request.registry}: ${request.operation} attempt ${attempt} failed (${reason}); retrying in ${delayMs} ms`,
          ),
      });
    } catch (error) {
      const exhausted = error instanceof RetriesExhaustedError ? error : undefined;
      throw new RegistryError({
        registry: request.registry,
        repository: request.repository,
        operation: request.operation,
        reason: errorText(exhausted ? exhausted.lastError : error),
        attempts: exhausted?.attempts ?? 1,
        hint: `check that ${request.registry} is reachable`,
        cause: error,
      });
    }
  }

  private async sendFollowingRedirects(
    request: RegistryRequest,
    authorization: string | undefined,
  ): Promise<HttpResult> {
    let url = new URL(request.path, this.baseUrl(request.registry)).toString();
    const origin = new URL(url).origin;
    for (let hop = 0; ; hop++) {
      const headers: Record<string, string> = { 'User-Agent': this.options.userAgent, ...request.headers };
      if (authorization && new URL(url).origin === origin) headers.Authorization = authorization;
      this.requestCount++;
      const response = await sendHttp(
        this.options.fetch,
        { method: request.method, url, headers, body: request.body },
        this.options.idleTimeoutMs,
      );
      const location = response.headers.get('location');
      const follow = isRedirect(response.status) && location && (request.method === 'GET' || request.method === 'HEAD');
      if (!follow || hop >= MAX_REDIRECTS) return response;
      url = new URL(location, url).toString();
    }
  }

  private async errorFor(
    request: RegistryRequest,
    response: HttpResult,
    attempts: number,
    authorization: string | undefined,
  ): Promise<RegistryError> {
    const { code, message } = parseRegistryErrorBody(response.body);
    let hint = request.hints?.[response.status] ?? hintForStatus(response.status, request.registry);
    if (response.status === 401) {
      hint = authorization
        ? `the registry refused the credentials for ${request.registry}; check the user name and password or token`
        : (await this.options.authenticator.hasCredentials(request.registry))
          ? `the registry did not accept any authentication method we support`
          : `no credentials for ${request.registry}: add them to .image-manager.yml registries, run docker login, or set the CI registry variables`;
    }
    return new RegistryError({
      registry: request.registry,
      repository: request.repository,
      operation: request.operation,
      status: response.status,
      code,
      registryMessage: message,
      attempts,
      hint,
    });
  }
}
