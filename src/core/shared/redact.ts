/**
 * One redaction path for everything that may carry a secret on its way to a log or a file: registered secret
 * values are replaced by `***`, and so are the usual shapes of credentials (URL userinfo, auth headers,
 * key=value pairs named like secrets) even when nobody registered them.
 */
const registered = new Set<string>();
const listeners: Array<(secret: string) => void> = [];

/** Every secret goes through here; listeners (the GitHub adapter's `core.setSecret`) hear about each one. */
export function registerSecret(value: string | undefined | null): void {
  if (!value || value.length < 3 || registered.has(value)) return;
  registered.add(value);
  for (const listener of listeners) listener(value);
}

/** Called for every secret registered now or later (e.g. to mask it in GitHub's log). */
export function onSecretRegistered(listener: (secret: string) => void): void {
  listeners.push(listener);
  for (const secret of registered) listener(secret);
}

const SECRET_KEY = '(?:password|passwd|secret|token|secret_access_key|access_key_id|session_token|authorization)';
const PATTERNS: Array<[RegExp, string]> = [
  [/(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s:@]+:[^/\s@]+@/gi, '$1***:***@'],
  [/\b(Authorization:\s*)(Basic|Bearer)\s+\S+/gi, '$1$2 ***'],
  [new RegExp(`(\\b${SECRET_KEY}\\s*[=:]\\s*)("[^"]*"|'[^']*'|[^,\\s]+)`, 'gi'), '$1***'],
];

export function redact(text: string): string {
  let out = text;
  for (const secret of [...registered].sort((a, b) => b.length - a.length)) out = out.split(secret).join('***');
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/** For tests only: forget every registered secret. */
export function clearRegisteredSecrets(): void {
  registered.clear();
}
