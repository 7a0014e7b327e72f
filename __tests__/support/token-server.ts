/**
 * A Docker/OCI token server for tests (environment.md §9): answers `GET /token?service=…&scope=…` with a real
 * RS256 JWT whose header carries the signing certificate (`x5c`), which the distribution registry verifies against
 * its `rootcertbundle`. Optionally requires Basic credentials, and records every request so tests can count them.
 */
import { execFileSync } from 'node:child_process';
import { createPrivateKey, randomUUID, sign, X509Certificate } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import * as path from 'node:path';
import type { RunningRegistry } from '../../src/core/daemon/registry-daemon';
import { requireTool } from './containers-env';
import { testStateDir } from './shared-services';
import { startTestRegistry } from './test-registry';

export interface TokenRequestRecord {
  scopes: string[];
  user?: string;
  /** The HTTP status the token server answered. */
  status: number;
}

export interface TokenServer {
  realm: string;
  service: string;
  issuer: string;
  certFile: string;
  readonly requests: TokenRequestRecord[];
  close(): Promise<void>;
}

export interface TokenServerOptions {
  /** user → password; when given, every token request must carry valid Basic credentials. */
  users?: Record<string, string>;
  expiresInSeconds?: number;
}

export async function startTokenServer(options: TokenServerOptions = {}): Promise<TokenServer> {
  requireTool('openssl', 'apt-get install openssl');
  const dir = path.join(testStateDir(), 'token-server', `${process.pid}-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  const keyFile = path.join(dir, 'key.pem');
  const certFile = path.join(dir, 'cert.pem');
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile,
    '-days', '30', '-subj', '/CN=token-issuer',
  ], { stdio: 'ignore' }); // prettier-ignore
  const key = createPrivateKey(readFileSync(keyFile));
  const certDer = new X509Certificate(readFileSync(certFile)).raw.toString('base64');
  const service = 'test-registry';
  const issuer = 'test-issuer';
  const requests: TokenRequestRecord[] = [];
  const expiresIn = options.expiresInSeconds ?? 300;

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const scopes = url.searchParams.getAll('scope');
    const user = basicUser(req.headers.authorization, options.users);
    if (options.users && !user) {
      requests.push({ scopes, status: 401 });
      res.writeHead(401, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ details: 'incorrect username or password' }));
      return;
    }
    requests.push({ scopes, user, status: 200 });
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: issuer,
      sub: user ?? '',
      aud: url.searchParams.get('service') ?? service,
      exp: now + expiresIn,
      nbf: now - 10,
      iat: now,
      jti: randomUUID(),
      access: scopes.map((scope) => {
        const [type, ...rest] = scope.split(':');
        const actions = rest.pop() ?? '';
        return { type, name: rest.join(':'), actions: actions.split(',') };
      }),
    };
    const token = jwt({ typ: 'JWT', alg: 'RS256', x5c: [certDer] }, claims, key);
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ token, access_token: token, expires_in: expiresIn, issued_at: new Date().toISOString() }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    realm: `http://127.0.0.1:${port}/token`,
    service,
    issuer,
    certFile,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A registry that accepts only tokens from `tokenServer`. */
export function startTokenRegistry(tokenServer: TokenServer): Promise<RunningRegistry> {
  return startTestRegistry('token', {
    type: 'token',
    realm: tokenServer.realm,
    service: tokenServer.service,
    issuer: tokenServer.issuer,
    rootCertBundle: tokenServer.certFile,
  });
}

function jwt(header: object, claims: object, key: ReturnType<typeof createPrivateKey>): string {
  const encode = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const signingInput = `${encode(header)}.${encode(claims)}`;
  return `${signingInput}.${sign('sha256', Buffer.from(signingInput), key).toString('base64url')}`;
}

function basicUser(header: string | undefined, users: Record<string, string> | undefined): string | undefined {
  if (!header?.startsWith('Basic ') || !users) return undefined;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const user = decoded.slice(0, colon);
  return colon > 0 && users[user] === decoded.slice(colon + 1) ? user : undefined;
}
