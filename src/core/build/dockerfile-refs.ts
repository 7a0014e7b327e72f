/**
 * The external images a Dockerfile pulls (FROM, COPY --from=, RUN --mount=from=), with build arguments substituted,
 * so a builder can tell which registries a build will contact before it starts. Stage names and `scratch` are not
 * images. A reference that still contains a variable after substitution is reported as unresolved, never guessed.
 * Instructions come from the shared scanner (continuations, comments, heredocs, `# escape=`).
 */
import { scanDockerfile } from '../dockerfile/instructions';

export interface DockerfileImageRefs {
  /** Distinct image references, in order of appearance. */
  refs: string[];
  /** References that depend on a variable we could not resolve (as written). */
  unresolved: string[];
}

export function dockerfileImageRefs(
  dockerfile: string,
  buildArgs: Record<string, string>,
  platform?: string,
): DockerfileImageRefs {
  const globalArgs: Record<string, string> = { ...platformArgs(platform) };
  const stages = new Set<string>();
  const refs: string[] = [];
  const unresolved: string[] = [];
  let seenFrom = false;
  const add = (raw: string) => {
    const value = substitute(raw, { ...globalArgs, ...buildArgs });
    if (value === undefined) {
      if (!unresolved.includes(raw)) unresolved.push(raw);
      return;
    }
    const lower = value.toLowerCase();
    if (lower === 'scratch' || stages.has(lower) || /^\d+$/.test(value)) return;
    if (!refs.includes(value)) refs.push(value);
  };
  for (const instruction of scanDockerfile(dockerfile).instructions) {
    const keyword = instruction.keyword.toUpperCase();
    const rest = instruction.args;
    if (keyword === 'ARG' && !seenFrom) {
      for (const declaration of rest.trim().split(/\s+/)) {
        const [name, ...value] = declaration.split('=');
        if (value.length > 0 && buildArgs[name] === undefined) globalArgs[name] = unquote(value.join('='));
      }
    } else if (keyword === 'FROM') {
      seenFrom = true;
      const words = rest.trim().split(/\s+/).filter((w) => !w.startsWith('--'));
      if (words[0]) add(words[0]);
      if (words.length >= 3 && words[1].toUpperCase() === 'AS') stages.add(words[2].toLowerCase());
    } else if (keyword === 'COPY' || keyword === 'ADD') {
      const from = /(?:^|\s)--from=(\S+)/.exec(rest);
      if (from) add(unquote(from[1]));
    } else if (keyword === 'RUN') {
      for (const mount of rest.matchAll(/--mount=(\S+)/g)) {
        const from = /(?:^|,)from=([^,\s]+)/.exec(mount[1]);
        if (from) add(unquote(from[1]));
      }
    }
  }
  return { refs, unresolved };
}

/** `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR:+alt}`; undefined when a variable has no value. */
function substitute(text: string, vars: Record<string, string>): string | undefined {
  let missing = false;
  const result = text.replace(
    /\$(?:\{(\w+)(?::([-+])([^}]*))?\}|(\w+))/g,
    (_all, braced: string, op: string, word: string, bare: string) => {
      const name = braced ?? bare;
      const value = vars[name];
      if (op === '-') return value ? value : word;
      if (op === '+') return value ? word : '';
      if (value === undefined) missing = true;
      return value ?? '';
    },
  );
  return missing || result === '' ? undefined : result;
}

function platformArgs(platform: string | undefined): Record<string, string> {
  if (!platform) return {};
  const [os, arch, variant] = platform.split('/');
  return {
    TARGETPLATFORM: platform,
    TARGETOS: os,
    TARGETARCH: arch,
    TARGETVARIANT: variant ?? '',
  };
}

function unquote(value: string): string {
  return value.replace(/^(["'])(.*)\1$/, '$2');
}
