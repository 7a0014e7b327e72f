/**
 * Reads a generated workflow / pipeline back into jobs and their legs (image × platform), independently of the
 * generator's own model, so tests and the makespan benchmark judge what the YAML really says. GitHub matrices
 * are expanded with GitHub's documented `include` rules.
 */
import { parse } from 'yaml';

export type ReadKind = 'generate' | 'build' | 'manifest' | 'sbom' | 'test' | 'publish';

export interface ReadLeg {
  image: string | null;
  platform: string | null;
  /** GitHub `runs-on` of the leg, or the GitLab runner tags joined by ','. */
  runner: string;
}

export interface ReadJob {
  id: string;
  kind: ReadKind;
  legs: ReadLeg[];
  needs: string[];
  /** GitLab only. */
  stage?: string;
  raw: Record<string, unknown>;
}

type Json = Record<string, unknown>;

const GITHUB_ACTION_KIND: Record<string, ReadKind> = {
  generate: 'generate',
  'build-platform': 'build',
  'merge-manifest': 'manifest',
  sbom: 'sbom',
  test: 'test',
  publish: 'publish',
};
const GITLAB_COMMAND_KIND: Record<string, ReadKind> = {
  generate: 'generate',
  build: 'build',
  manifest: 'manifest',
  sbom: 'sbom',
  test: 'test',
  promote: 'publish',
};

export function readGithubWorkflow(text: string): ReadJob[] {
  const workflow = parse(text) as Json;
  return Object.entries(workflow.jobs as Record<string, Json>).map(([id, job]) => {
    const steps = (job.steps as Json[]) ?? [];
    const ours = steps.find((step) => /^[^/]+\/[^/]+\/actions\/[a-z-]+@/.test(String(step.uses ?? '')));
    if (!ours) throw new Error(`job ${id} calls none of our actions`);
    const action = /\/actions\/([a-z-]+)@/.exec(String(ours.uses))?.[1] ?? '';
    const kind = GITHUB_ACTION_KIND[action];
    if (!kind) throw new Error(`job ${id}: unknown action ${action}`);
    const inputs = (ours.with as Json) ?? {};
    const strategy = job.strategy as Json | undefined;
    const legs = expandMatrix(strategy?.matrix as Json | undefined).map((matrix) => ({
      image: inputs.image === undefined ? null : substitute(String(inputs.image), matrix),
      platform: inputs.platform === undefined ? null : substitute(String(inputs.platform), matrix),
      runner: substitute(String(job['runs-on']), matrix),
    }));
    return { id, kind, legs, needs: asList(job.needs), raw: job };
  });
}

/** GitHub's rules: cartesian product, then each include extends matching combinations or adds its own. */
export function expandMatrix(matrix: Json | undefined): Json[] {
  if (!matrix) return [{}];
  const keys = Object.keys(matrix).filter((key) => key !== 'include' && key !== 'exclude');
  let combos: Json[] = keys.length > 0 ? [{}] : [];
  for (const key of keys) {
    combos = combos.flatMap((combo) => (matrix[key] as unknown[]).map((value) => ({ ...combo, [key]: value })));
  }
  const originals = combos.map((combo) => ({ combo, original: { ...combo } }));
  for (const entry of (matrix.include as Json[] | undefined) ?? []) {
    const matches = originals.filter(({ original }) =>
      Object.entries(entry).every(([key, value]) => !(key in original) || original[key] === value),
    );
    if (matches.length > 0) for (const { combo } of matches) Object.assign(combo, entry);
    else combos.push({ ...entry });
  }
  return combos;
}

function substitute(text: string, matrix: Json): string {
  return text.replace(/\$\{\{\s*matrix\.([A-Za-z_-]+)\s*\}\}/g, (_, key: string) => {
    if (!(key in matrix)) throw new Error(`matrix.${key} is not defined in ${JSON.stringify(matrix)}`);
    return String(matrix[key]);
  });
}

const GITLAB_RESERVED = new Set(['stages', 'workflow', 'default', 'variables', 'include', 'image', 'services']);

export function readGitlabPipeline(text: string): ReadJob[] {
  const document = parse(text) as Json;
  const hidden = (name: string): Json => (document[name] as Json) ?? {};
  return Object.entries(document)
    .filter(([name]) => !GITLAB_RESERVED.has(name) && !name.startsWith('.'))
    .map(([id, value]) => {
      const job = value as Json;
      const script = asList(job.script);
      const words = (script.find((line) => line.startsWith('image-manager ')) ?? '').split(/\s+/);
      const kind = GITLAB_COMMAND_KIND[words[1] ?? ''];
      if (!kind) throw new Error(`job ${id} runs no image-manager command`);
      const platformAt = words.indexOf('--platform');
      const tags = [...asList(job.tags), ...asList(job.extends).flatMap((name) => asList(hidden(name).tags))];
      const leg: ReadLeg = {
        image: kind === 'generate' ? null : (words[2] ?? null),
        platform: platformAt >= 0 ? words[platformAt + 1] : null,
        runner: tags.join(','),
      };
      const needs = asList(job.needs).map((need) => (typeof need === 'string' ? need : String((need as Json).job)));
      return { id, kind, legs: [leg], needs, stage: String(job.stage), raw: job };
    });
}

function asList(value: unknown): string[] & unknown[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]) as string[];
}
