/**
 * Runs a workflow file the way GitHub would, as far as an image pipeline needs: jobs in `needs` order, `include`
 * matrices with a fresh workspace per leg (a copy of the checkout), our actions through the runner stand-in
 * (__tests__/support/github-runner.ts), `run:` steps in bash, artifacts copied between workspaces, a failed step
 * skipping the rest of its job (except `if: ${{ !cancelled() }}` steps) and a failed job skipping its dependents.
 * Anything it does not understand (another action, an expression it cannot evaluate) is an error, not a guess.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { ACTIONS_DIR, runAction, type ActionRun } from '../support/github-runner';

interface Step {
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string>;
}

interface Job {
  needs?: string[];
  if?: string;
  strategy?: { matrix?: { include?: Array<Record<string, string>> } };
  steps: Step[];
}

export interface WalkOptions {
  /** The checkout every job starts from. */
  checkout: string;
  /** `owner/repo` our actions are referenced by (`<repo>/actions/<name>@<ref>`). */
  actionsRepo: string;
  /** Values of the workflow's `env:` (their expressions use the github context, which the walker does not have). */
  workflowEnv: Record<string, string>;
  /** Decides a job-level `if:` (the test says what the expression means for the event it plays). */
  jobIf: (expression: string) => boolean;
  /** Environment of every step (container storage, fixed timestamps, …). */
  env: NodeJS.ProcessEnv;
  scratch: string;
}

export interface StepRun {
  step: Step;
  outcome: 'success' | 'failure' | 'skipped';
  /** For our actions: what the runner stand-in returned. */
  action?: ActionRun;
  log: string;
}

export interface LegRun {
  matrix: Record<string, string>;
  workspace: string;
  outcome: 'success' | 'failure';
  steps: StepRun[];
}

export type JobRun = { outcome: 'skipped'; legs: [] } | { outcome: 'success' | 'failure'; legs: LegRun[] };

export function walkWorkflow(text: string, options: WalkOptions): Record<string, JobRun> {
  const workflow = parse(text) as { env?: Record<string, string>; jobs: Record<string, Job> };
  for (const key of Object.keys(workflow.env ?? {})) {
    if (!(key in options.workflowEnv)) throw new Error(`the test gives no value for the workflow env ${key}`);
  }
  const artifacts = mkdtempSync(path.join(options.scratch, 'artifacts-'));
  const results: Record<string, JobRun> = {};
  for (const name of jobOrder(workflow.jobs)) {
    const job = workflow.jobs[name];
    const needed = job.needs ?? [];
    if (needed.some((need) => results[need].outcome !== 'success') || (job.if && !options.jobIf(job.if))) {
      results[name] = { outcome: 'skipped', legs: [] };
      continue;
    }
    const legs = (job.strategy?.matrix?.include ?? [{}]).map((matrix) => runLeg(job, matrix, artifacts, options));
    results[name] = { outcome: legs.every((leg) => leg.outcome === 'success') ? 'success' : 'failure', legs };
  }
  return results;
}

function jobOrder(jobs: Record<string, Job>): string[] {
  const order: string[] = [];
  const visit = (name: string, trail: string[]) => {
    if (order.includes(name)) return;
    if (trail.includes(name)) throw new Error(`needs cycle: ${[...trail, name].join(' → ')}`);
    if (!jobs[name]) throw new Error(`job ${trail[trail.length - 1]} needs ${name}, which does not exist`);
    for (const need of jobs[name].needs ?? []) visit(need, [...trail, name]);
    order.push(name);
  };
  for (const name of Object.keys(jobs)) visit(name, []);
  return order;
}

function runLeg(job: Job, matrix: Record<string, string>, artifacts: string, options: WalkOptions): LegRun {
  const workspace = mkdtempSync(path.join(options.scratch, 'job-'));
  cpSync(options.checkout, workspace, { recursive: true, verbatimSymlinks: true });
  const outputs: Record<string, Record<string, string>> = {};
  const evaluate = (text: string) =>
    text.replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_m, expression: string) => {
      let match = /^env\.(\w+)$/.exec(expression);
      if (match && match[1] in options.workflowEnv) return options.workflowEnv[match[1]];
      match = /^matrix\.([\w-]+)$/.exec(expression);
      if (match && match[1] in matrix) return matrix[match[1]];
      match = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expression);
      if (match) return outputs[match[1]]?.[match[2]] ?? '';
      throw new Error(`the walker cannot evaluate \${{ ${expression} }}`);
    });
  const steps: StepRun[] = [];
  let failed = false;
  for (const step of job.steps) {
    const always = step.if !== undefined && /^\$\{\{\s*!cancelled\(\)\s*\}\}$/.test(step.if);
    if (step.if !== undefined && !always) throw new Error(`the walker cannot evaluate the step condition ${step.if}`);
    if (failed && !always) {
      steps.push({ step, outcome: 'skipped', log: '' });
      continue;
    }
    const inputs = Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, evaluate(String(v))]));
    const result = runStep(step, inputs, workspace, artifacts, options);
    if (step.id && result.action) outputs[step.id] = result.action.outputs;
    steps.push(result);
    if (result.outcome === 'failure') failed = true;
  }
  return { matrix, workspace, outcome: failed ? 'failure' : 'success', steps };
}

function runStep(
  step: Step,
  inputs: Record<string, string>,
  workspace: string,
  artifacts: string,
  options: WalkOptions,
): StepRun {
  const outcome = (ok: boolean): StepRun['outcome'] => (ok ? 'success' : 'failure');
  if (step.run !== undefined) {
    if (step.run.includes('${{')) throw new Error(`an expression inside a run script: ${step.run}`);
    const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run], {
      cwd: workspace,
      env: options.env,
      encoding: 'utf8',
    });
    return { step, outcome: outcome(result.status === 0), log: result.stdout + result.stderr };
  }
  const [action] = (step.uses ?? '').split('@');
  if (action === 'actions/checkout') return { step, outcome: 'success', log: 'the workspace is a fresh checkout' };
  if (action === 'actions/upload-artifact') {
    const files = inputs.path.split('\n').filter(Boolean);
    const store = path.join(artifacts, inputs.name);
    if (existsSync(store)) throw new Error(`artifact ${inputs.name} is uploaded twice`);
    for (const file of files) {
      if (!existsSync(path.join(workspace, file))) return { step, outcome: 'failure', log: `${file} not found` };
      cpSync(path.join(workspace, file), path.join(store, file), { recursive: true });
    }
    return { step, outcome: outcome(files.length > 0), log: `uploaded ${files.join(', ')}` };
  }
  if (action === 'actions/download-artifact') {
    const store = path.join(artifacts, inputs.name);
    if (!existsSync(store)) return { step, outcome: 'failure', log: `no artifact ${inputs.name}` };
    mkdirSync(workspace, { recursive: true });
    cpSync(store, workspace, { recursive: true });
    return { step, outcome: 'success', log: `downloaded ${readdirSync(store).join(', ')}` };
  }
  const ours = new RegExp(`^${options.actionsRepo}/actions/([\\w-]+)$`).exec(action);
  if (!ours) throw new Error(`the walker does not know the action ${step.uses}`);
  const run = runAction(path.join(ACTIONS_DIR, ours[1]), inputs, { workspace, env: options.env });
  return { step, outcome: outcome(run.code === 0), action: run, log: run.log };
}
