/**
 * Runs an action the way the GitHub runner does, close enough to catch what matters: inputs (with action.yml
 * defaults) as INPUT_* variables for node actions; for composite actions each `run:` step in bash with
 * `${{ inputs.* }}`, `${{ github.* }}` and `${{ steps.*.outputs.* }}` substituted, GITHUB_ACTION_PATH,
 * GITHUB_OUTPUT / GITHUB_ENV / GITHUB_STEP_SUMMARY files, and the action's `outputs:` evaluated at the end.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from './project-fixture';

interface ActionInput {
  description?: string;
  required?: boolean;
  default?: string;
}

interface ActionStep {
  id?: string;
  name?: string;
  shell?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
  if?: string;
}

export interface ActionDefinition {
  inputs?: Record<string, ActionInput>;
  outputs?: Record<string, { description?: string; value?: string }>;
  runs: { using: string; main?: string; steps?: ActionStep[] };
}

export interface ActionRun {
  code: number;
  outputs: Record<string, string>;
  summary: string;
  /** Everything printed, workflow commands (`::error …::`) included. */
  log: string;
}

export function readAction(actionDir: string): ActionDefinition {
  return parse(readFileSync(path.join(actionDir, 'action.yml'), 'utf8')) as ActionDefinition;
}

export function runAction(
  actionDir: string,
  inputs: Record<string, string>,
  options: { workspace: string; env?: NodeJS.ProcessEnv },
): ActionRun {
  const action = readAction(actionDir);
  const runnerTemp = mkdtempSync(path.join(tmpdir(), 'im-runner-'));
  const summaryFile = path.join(runnerTemp, 'summary.md');
  writeFileSync(summaryFile, '');
  const values: Record<string, string> = {};
  for (const [name, spec] of Object.entries(action.inputs ?? {})) values[name] = inputs[name] ?? spec.default ?? '';
  for (const name of Object.keys(inputs)) {
    if (!(name in values)) throw new Error(`input "${name}" is not declared in ${actionDir}/action.yml`);
  }
  const baseEnv: NodeJS.ProcessEnv = {
    ...process.env,
    ...options.env,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_ACTION_PATH: actionDir,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: runnerTemp,
  };
  let log = '';
  const steps: Record<string, Record<string, string>> = {};
  const expression = (text: string) =>
    text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_m, expr: string) => {
      let match = /^inputs\.([\w-]+)$/.exec(expr);
      if (match) return values[match[1]] ?? '';
      match = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expr);
      if (match) return steps[match[1]]?.[match[2]] ?? '';
      if (expr === 'github.action_path') return actionDir;
      throw new Error(`expression not supported by the test runner: ${expr}`);
    });

  const runProcess = (command: string, args: string[], env: NodeJS.ProcessEnv) => {
    const outputFile = path.join(runnerTemp, `output-${Math.random().toString(36).slice(2)}`);
    writeFileSync(outputFile, '');
    const result = spawnSync(command, args, {
      cwd: options.workspace,
      env: { ...env, GITHUB_OUTPUT: outputFile },
      encoding: 'utf8',
    });
    log += result.stdout + result.stderr;
    return { code: result.status ?? 1, outputs: parseOutputFile(readFileSync(outputFile, 'utf8')) };
  };

  if (action.runs.using === 'composite') {
    for (const [index, step] of (action.runs.steps ?? []).entries()) {
      if (!step.run) throw new Error(`step ${index} of ${actionDir} is not a run step: the test runner cannot run it`);
      if (step.shell !== 'bash') throw new Error(`step ${index} of ${actionDir} must say shell: bash`);
      const env = { ...baseEnv };
      for (const [key, value] of Object.entries(step.env ?? {})) env[key] = expression(String(value));
      const result = runProcess('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', expression(step.run)], env);
      if (step.id) steps[step.id] = result.outputs;
      if (result.code !== 0) return { code: result.code, outputs: {}, summary: readFileSync(summaryFile, 'utf8'), log };
    }
    const outputs = Object.fromEntries(
      Object.entries(action.outputs ?? {}).map(([name, spec]) => [name, expression(spec.value ?? '')]),
    );
    return { code: 0, outputs, summary: readFileSync(summaryFile, 'utf8'), log };
  }
  if (!action.runs.using.startsWith('node') || !action.runs.main)
    throw new Error(`unsupported action kind in ${actionDir}`);
  const env = { ...baseEnv };
  for (const [name, value] of Object.entries(values)) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  const main = path.join(actionDir, action.runs.main);
  if (!existsSync(main)) throw new Error(`${main} does not exist: run npm run build`);
  const result = runProcess(process.execPath, [main], env);
  return { code: result.code, outputs: result.outputs, summary: readFileSync(summaryFile, 'utf8'), log };
}

/** GITHUB_OUTPUT lines: `name=value` or `name<<DELIMITER` … `DELIMITER`. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i]);
    if (heredoc) {
      const body: string[] = [];
      for (i++; i < lines.length && lines[i] !== heredoc[2]; i++) body.push(lines[i]);
      outputs[heredoc[1]] = body.join('\n');
    } else if (lines[i].includes('=')) {
      outputs[lines[i].slice(0, lines[i].indexOf('='))] = lines[i].slice(lines[i].indexOf('=') + 1);
    }
  }
  return outputs;
}

export const ACTIONS_DIR = path.join(REPO_ROOT, 'actions');
