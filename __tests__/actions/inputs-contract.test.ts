/**
 * action.yml and the code must agree: every declared input is read by the action's inputs.ts (and passed to it
 * by the composite steps), and the code reads no input the action does not declare.
 */
import * as core from '@actions/core';
import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { ACTIONS_DIR, readAction } from '../support/github-runner';
import { REPO_ROOT } from '../support/project-fixture';

const actions: Array<[string, string, string]> = [
  ['action.yml (root)', REPO_ROOT, 'run'],
  ...readdirSync(ACTIONS_DIR)
    .filter((name) => existsSync(path.join(ACTIONS_DIR, name, 'action.yml')))
    .map((name): [string, string, string] => [`actions/${name}`, path.join(ACTIONS_DIR, name), name]),
];

describe.each(actions)('%s', (_label, dir, entry) => {
  const action = readAction(dir);
  const declared = Object.keys(action.inputs ?? {}).sort();

  it('has an inputs.ts that reads exactly the declared inputs', () => {
    const inputsFile = path.join(REPO_ROOT, 'src', 'actions', entry, 'inputs.ts');
    expect(existsSync(inputsFile)).toBe(true);
    const read = new Set<string>();
    const spy = jest.spyOn(core, 'getInput').mockImplementation((name: string) => {
      read.add(name);
      const fallback = action.inputs?.[name]?.default;
      return fallback ? String(fallback) : 'true';
    });
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { getInputs } = require(inputsFile) as { getInputs: () => unknown };
      getInputs();
    } finally {
      spy.mockRestore();
    }
    expect([...read].sort()).toEqual(declared);
  });

  it('documents every input and output', () => {
    for (const [name, spec] of Object.entries(action.inputs ?? {}))
      expect([name, spec.description?.length ?? 0]).not.toEqual([name, 0]);
    for (const [name, spec] of Object.entries(action.outputs ?? {}))
      expect([name, spec.description?.length ?? 0]).not.toEqual([name, 0]);
  });

  if (action.runs.using === 'composite') {
    it('passes every input to its bundle through env, never inside the script text', () => {
      const steps = action.runs.steps ?? [];
      const main = steps.find((s) => s.run?.includes(`dist/${entry}/index.js`));
      expect(main).toBeDefined();
      for (const name of declared) {
        expect(main?.env?.[`INPUT_${name.toUpperCase()}`]).toBe(`\${{ inputs.${name} }}`);
      }
      for (const step of steps) expect(step.run ?? '').not.toMatch(/\$\{\{/);
    });
  }
});
