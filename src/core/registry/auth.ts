/**
 * Registry authentication: anonymous until a registry answers 401, then whatever its `WWW-Authenticate` challenge
 * asks for — Basic with the registry's credentials, or the Docker/OCI bearer flow (a token from the challenge's
 * realm for the request's repository scopes). Tokens are cached per scope set until shortly before they expire,
 * and one cached `pull,push` token also serves later `pull` requests. State lives in the instance (one per client).
 */
import type { Logger } from '../shared/logger';
import { registerSecret } from '../shared/redact';
import {
  formatScope,
  mergeScopes,
  parseScopes,
  parseWwwAuthenticate,
  scopesCover,
  type AuthChallenge,
  type AuthScope,
} from './auth-challenge';
import type { CredentialProvider, RegistryCredentials } from './credentials';
import { RegistryError } from './errors';
import { sendHttp, type FetchFunction, type HttpResult } from './http';
import { isRetryableStatus, parseRetryAfter, RetriesExhaustedError, withRetry, errorText } from './retry';
import type { Clock, RetryPolicy } from './retry';

export interface AuthenticatorOptions {
  fetch: FetchFunction;
  credentials: CredentialProvider;
  clock: Clock;
  retry: RetryPolicy;
  logger: Logger;
  idleTimeoutMs: number;
  userAgent: string;
}

/** What to do after a 401: whether resending can help, and the scopes to ask for (ours plus the challenge's). */
export interface ChallengeOutcome {
  retry: boolean;
  scopes: AuthScope[];
}

interface CachedToken {
  scopes: AuthScope[];
  token: string;
  expiresAt: number;
}

/** Tokens are renewed this long before they expire, so one never lapses between our check and the registry's. */
const EXPIRY_MARGIN_MS = 10_000;
/** The token spec's default lifetime when the server does not say. */
const DEFAULT_TOKEN_SECONDS = 60;

export class Authenticator {
  private readonly challenges = new Map<string, AuthChallenge>();
  private readonly tokens = new Map<string, CachedToken[]>();
  private readonly pending = new Map<string, Promise<CachedToken>>();
  /** Token requests sent so far (diagnostics and tests). */
  tokenRequests = 0;

  constructor(private readonly options: AuthenticatorOptions) {}

  /** The Authorization header for a request, or undefined while anonymous access has not been refused. */
  async authorization(registry: string, scopes: AuthScope[]): Promise<string | undefined> {
    const challenge = this.challenges.get(registry);
    if (!challenge) return undefined;
    if (challenge.scheme === 'basic') {
      const credentials = await this.options.credentials.credentialsFor(registry);
      return credentials?.kind === 'basic' ? basicHeader(credentials) : undefined;
    }
    const token = await this.token(registry, challenge, scopes);
    return `Bearer ${token.token}`;
  }

  /** Learns from a 401 response. `sent` is the Authorization header that was refused, if any. */
  async onUnauthorized(
    registry: string,
    header: string | null,
    scopes: AuthScope[],
    sent: string | undefined,
  ): Promise<ChallengeOutcome> {
    const challenges = header ? parseWwwAuthenticate(header) : [];
    const chosen = challenges.find((c) => c.scheme === 'bearer') ?? challenges.find((c) => c.scheme === 'basic');
    if (!chosen) return { retry: false, scopes };
    this.challenges.set(registry, chosen);
    if (chosen.scheme === 'basic') {
      // Resending the same password cannot succeed; without one there is nothing to send.
      if (sent?.startsWith('Basic ')) return { retry: false, scopes };
      const credentials = await this.options.credentials.credentialsFor(registry);
      return { retry: credentials?.kind === 'basic', scopes };
    }
    if (sent?.startsWith('Bearer ')) this.forget(registry, sent.slice('Bearer '.length));
    return { retry: true, scopes: mergeScopes(scopes, parseScopes(chosen.params.scope)) };
  }

  /** Whether credentials were available for the registry (to word a 401 error). */
  async hasCredentials(registry: string): Promise<boolean> {
    return (await this.options.credentials.credentialsFor(registry)) !== undefined;
  }

  private async token(registry: string, challenge: AuthChallenge, scopes: AuthScope[]): Promise<CachedToken> {
    const now = this.options.clock.now();
    const cached = (this.tokens.get(registry) ?? []).find(
      (t) => t.expiresAt - EXPIRY_MARGIN_MS > now && scopesCover(t.scopes, scopes),
    );
    if (cached) return cached;
    const key = `${registry} ${scopes.map(formatScope).join(' ')}`;
    let request = this.pending.get(key);
    if (!request) {
      request = this.requestToken(registry, challenge, scopes).finally(() => this.pending.delete(key));
      this.pending.set(key, request);
    }
    return request;
  }

  private forget(registry: string, token: string): void {
    this.tokens.set(
      registry,
      (this.tokens.get(registry) ?? []).filter((t) => t.token !== token),
    );
  }

  private async requestToken(registry: string, challenge: AuthChallenge, scopes: AuthScope[]): Promise<CachedToken> {
    const realm = challenge.params.realm;
    const operation = 'get an access token';
    if (!realm) throw new RegistryError({ registry, operation, reason: 'the bearer challenge names no token realm' });
    const credentials = await this.options.credentials.credentialsFor(registry);
    const url = new URL(realm);
    const headers: Record<string, string> = { 'User-Agent': this.options.userAgent };
    let method = 'GET';
    let body: Uint8Array | undefined;
    if (credentials?.kind === 'identity-token') {
      // OAuth2 refresh-token grant, as docker does with an identity token.
      method = 'POST';
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      const form = new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: credentials.token,
        client_id: 'image-manager',
      });
      if (challenge.params.service) form.set('service', challenge.params.service);
      if (scopes.length > 0) form.set('scope', scopes.map(formatScope).join(' '));
      body = Buffer.from(form.toString());
    } else {
      if (challenge.params.service) url.searchParams.set('service', challenge.params.service);
      for (const scope of scopes) url.searchParams.append('scope', formatScope(scope));
      if (credentials?.kind === 'basic') headers.Authorization = basicHeader(credentials);
    }
    const started = this.options.clock.now();
    const result = await this.sendTokenRequest(registry, { method, url: url.toString(), headers, body });
    if (result.status < 200 || result.status > 299) {
      throw new RegistryError({
        registry,
        operation: `${operation} from ${url.host}`,
        status: result.status,
        hint:
          result.status === 401 || result.status === 403
            ? credentials
              ? `the token server rejected the credentials for ${registry}; check the user name and password`
              : `no credentials for ${registry}: add them to .image-manager.yml registries, run docker login, or set the CI registry variables`
            : undefined,
      });
    }
    const json = parseJson(result.body) as { token?: unknown; access_token?: unknown; expires_in?: unknown };
    const token = typeof json.token === 'string' ? json.token : json.access_token;
    if (typeof token !== 'string' || !token) {
      throw new RegistryError({ registry, operation, reason: `the token server ${url.host} answered without a token` });
    }
    registerSecret(token);
    this.tokenRequests++;
    const seconds =
      typeof json.expires_in === 'number' && json.expires_in > 0 ? json.expires_in : DEFAULT_TOKEN_SECONDS;
    const entry: CachedToken = { scopes, token, expiresAt: started + seconds * 1000 };
    this.tokens.set(registry, [...(this.tokens.get(registry) ?? []), entry]);
    this.options.logger.debug(`registry ${registry}: got an access token for ${scopes.map(formatScope).join(' ')}`);
    return entry;
  }

  private async sendTokenRequest(
    registry: string,
    request: { method: string; url: string; headers: Record<string, string>; body?: Uint8Array },
  ): Promise<HttpResult> {
    const { fetch, clock, retry, idleTimeoutMs } = this.options;
    try {
      const { value } = await withRetry(() => sendHttp(fetch, request, idleTimeoutMs), {
        policy: retry,
        clock,
        classify: (r) => ({
          retry: isRetryableStatus(r.status),
          retryAfterMs: parseRetryAfter(r.headers.get('retry-after'), clock.now()),
        }),
        describe: (r) => `HTTP ${r.status}`,
      });
      return value;
    } catch (error) {
      const attempts = error instanceof RetriesExhaustedError ? error.attempts : undefined;
      throw new RegistryError({
        registry,
        operation: `get an access token from ${new URL(request.url).host}`,
        reason: errorText(error instanceof RetriesExhaustedError ? error.lastError : error),
        attempts,
        cause: error,
      });
    }
  }
}

function basicHeader(credentials: Extract<RegistryCredentials, { kind: 'basic' }>): string {
  return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
}

function parseJson(body: Uint8Array): Record<string, unknown> {
  try {
    const json = JSON.parse(Buffer.from(body).toString('utf8')) as unknown;
    return typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
