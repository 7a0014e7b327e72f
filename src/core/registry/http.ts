/**
 * One HTTP exchange through the injected fetch, with the body read completely and an idle timeout: a request fails
 * when no byte arrives for `idleTimeoutMs` (a stalled connection), however long a big blob takes in total.
 * Redirects are never followed here, so the caller decides whether credentials may travel to the new host.
 */

export type FetchFunction = typeof fetch;

export interface HttpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: Uint8Array;
}

export interface HttpResult {
  status: number;
  headers: Headers;
  body: Uint8Array;
  url: string;
}

const EMPTY = new Uint8Array(0);

export async function sendHttp(
  fetchFn: FetchFunction,
  request: HttpRequest,
  idleTimeoutMs: number,
): Promise<HttpResult> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const arm = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(
      () =>
        controller.abort(
          new DOMException(`no response from the server for ${formatDuration(idleTimeoutMs)}`, 'TimeoutError'),
        ),
      idleTimeoutMs,
    );
  };
  arm();
  try {
    const response = await fetchFn(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      redirect: 'manual',
      signal: controller.signal,
    });
    arm();
    const body = request.method === 'HEAD' ? EMPTY : await readBody(response, arm);
    return { status: response.status, headers: response.headers, body, url: request.url };
  } finally {
    if (timer) clearTimeout(timer);
  }
}

async function readBody(response: Response, onProgress: () => void): Promise<Uint8Array> {
  if (!response.body) return EMPTY;
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    length += value.byteLength;
    onProgress();
  }
  if (chunks.length === 1) return chunks[0];
  const body = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}

export function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}
