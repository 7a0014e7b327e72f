/**
 * `${VAR}` and `${VAR:-default}` in .image-manager.yml values, so credentials and per-environment URLs come from
 * the environment instead of the file. As in the proof of concept, a value that refers to an unset variable
 * (without a default) becomes undefined as a whole: half a URL or half a password is worse than none.
 * `$VAR` without braces is left as written.
 */
export interface Expansion {
  /** The expanded text, or undefined when a referenced variable is unset and has no default. */
  value: string | undefined;
  /** Unset variables that made the value undefined. */
  missing: string[];
  /** The first `${…}` that is not `${NAME}` or `${NAME:-default}`. */
  malformed?: string;
}

const REFERENCE = /^([A-Za-z_][A-Za-z0-9_]*)(?::-([\s\S]*))?$/;

export function expandEnv(text: string, env: NodeJS.ProcessEnv): Expansion {
  let out = '';
  const missing: string[] = [];
  let index = 0;
  for (;;) {
    const start = text.indexOf('${', index);
    if (start < 0) break;
    const end = text.indexOf('}', start + 2);
    const reference = end < 0 ? undefined : REFERENCE.exec(text.slice(start + 2, end));
    if (!reference) return { value: undefined, missing, malformed: text.slice(start, end < 0 ? undefined : end + 1) };
    const [, name, fallback] = reference;
    const current = env[name];
    // Like the shell: `:-` also replaces a variable that is set but empty.
    const replacement = fallback !== undefined && !current ? fallback : current;
    if (replacement === undefined) missing.push(name);
    out += text.slice(index, start) + (replacement ?? '');
    index = end + 1;
  }
  out += text.slice(index);
  return missing.length > 0 ? { value: undefined, missing } : { value: out, missing };
}
