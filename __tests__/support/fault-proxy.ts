/**
 * A reverse proxy on loopback in front of a real registry that injects faults: connection resets (before or after
 * the registry handled the request), error statuses (500, 503, 429 with Retry-After), slow answers and tampered
 * bodies, chosen per request by method, path and count. It also counts requests and uploaded bytes, which is how
 * the tests and the benchmark see what any client (ours, buildah, skopeo) sent over the wire.
 */
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';

export type FaultAction =
  /** Drop the connection without forwarding: the registry never sees the request. */
  | { kind: 'reset' }
  /** Forward, let the registry act, then drop the connection instead of answering. */
  | { kind: 'reset-after-forward' }
  /** Answer this status without forwarding. */
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: string }
  /** Wait, then forward (a slow registry); nothing is forwarded when the client gave up meanwhile. */
  | { kind: 'delay'; ms: number }
  /** Forward, then alter the response body (a space after the first `{`: still JSON, other digest). */
  | { kind: 'tamper' };

export interface FaultRule {
  method?: string;
  path?: RegExp;
  /** Skip this many matching requests before the fault applies. */
  after?: number;
  /** Apply to this many matching requests (after `after`); default: every one (a persistent fault). */
  times?: number;
  action: FaultAction;
}

export interface ProxiedRequest {
  method: string;
  path: string;
  status?: number;
  fault?: FaultAction['kind'];
  requestBytes: number;
  responseBytes: number;
}

export interface ProxyStats {
  requests: number;
  /** Bytes in request bodies of blob upload requests (POST/PATCH/PUT below /blobs/uploads/). */
  blobUploadBytes: number;
  manifestUploadBytes: number;
  faults: number;
}

export interface FaultProxy {
  /** `127.0.0.1:port`, to use as the registry part of image references. */
  address: string;
  setRules(rules: FaultRule[]): void;
  readonly log: ProxiedRequest[];
  stats(): ProxyStats;
  clearLog(): void;
  close(): Promise<void>;
}

interface ActiveRule {
  rule: FaultRule;
  seen: number;
}

export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
  const [upstreamHost, upstreamPort] = upstream.split(':');
  let rules: ActiveRule[] = [];
  const log: ProxiedRequest[] = [];

  /** Every rule counts every request it matches; the first rule whose window covers the request applies. */
  const pickFault = (method: string, path: string): FaultAction | undefined => {
    let chosen: FaultAction | undefined;
    for (const active of rules) {
      const { rule } = active;
      if (rule.method && rule.method !== method) continue;
      if (rule.path && !rule.path.test(path)) continue;
      const index = active.seen++;
      const after = rule.after ?? 0;
      const inWindow = index >= after && (rule.times === undefined || index < after + rule.times);
      if (inWindow && !chosen) chosen = rule.action;
    }
    return chosen;
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const method = req.method ?? 'GET';
      const path = req.url ?? '/';
      const entry: ProxiedRequest = { method, path, requestBytes: body.length, responseBytes: 0 };
      log.push(entry);
      const fault = pickFault(method, path);
      entry.fault = fault?.kind;
      void handle(req, res, body, fault, entry);
    });
  });

  async function handle(
    req: IncomingMessage,
    res: ServerResponse,
    body: Buffer,
    fault: FaultAction | undefined,
    entry: ProxiedRequest,
  ): Promise<void> {
    if (fault?.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'status') {
      const payload = Buffer.from(fault.body ?? '');
      res.writeHead(fault.status, { 'Content-Length': String(payload.length), ...fault.headers });
      res.end(payload);
      entry.status = fault.status;
      return;
    }
    if (fault?.kind === 'delay') {
      let gone = false;
      res.on('close', () => (gone = true));
      await new Promise((r) => setTimeout(r, fault.ms));
      if (gone) return;
    }
    let upstreamResponse: { status: number; headers: IncomingMessage['headers']; body: Buffer };
    try {
      upstreamResponse = await forward(req, body);
    } catch {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'reset-after-forward') {
      req.socket.destroy();
      return;
    }
    let responseBody = upstreamResponse.body;
    const headers = { ...upstreamResponse.headers };
    if (fault?.kind === 'tamper' && responseBody.length > 0) {
      const text = responseBody.toString('utf8');
      responseBody = Buffer.from(text.replace('{', '{ '));
      headers['content-length'] = String(responseBody.length);
    }
    entry.status = upstreamResponse.status;
    entry.responseBytes = responseBody.length;
    res.writeHead(upstreamResponse.status, headers);
    res.end(req.method === 'HEAD' ? undefined : responseBody);
  }

  function forward(
    req: IncomingMessage,
    body: Buffer,
  ): Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }> {
    return new Promise((resolve, reject) => {
      // The Host header is kept, so the registry writes Location URLs that point back at the proxy.
      const upstreamRequest = httpRequest(
        { host: upstreamHost, port: Number(upstreamPort), method: req.method, path: req.url, headers: req.headers },
        (upstreamResponse) => {
          const chunks: Buffer[] = [];
          upstreamResponse.on('data', (c: Buffer) => chunks.push(c));
          upstreamResponse.on('end', () =>
            resolve({
              status: upstreamResponse.statusCode ?? 502,
              headers: upstreamResponse.headers,
              body: Buffer.concat(chunks),
            }),
          );
          upstreamResponse.on('error', reject);
        },
      );
      upstreamRequest.on('error', reject);
      upstreamRequest.end(body);
    });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    address: `127.0.0.1:${port}`,
    setRules: (next) => {
      rules = next.map((rule) => ({ rule, seen: 0 }));
    },
    log,
    stats: () => ({
      requests: log.length,
      blobUploadBytes: log
        .filter((r) => r.path.includes('/blobs/uploads') && r.method !== 'GET' && r.method !== 'DELETE')
        .reduce((sum, r) => sum + r.requestBytes, 0),
      manifestUploadBytes: log
        .filter((r) => r.method === 'PUT' && r.path.includes('/manifests/'))
        .reduce((sum, r) => sum + r.requestBytes, 0),
      faults: log.filter((r) => r.fault).length,
    }),
    clearLog: () => {
      log.length = 0;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
