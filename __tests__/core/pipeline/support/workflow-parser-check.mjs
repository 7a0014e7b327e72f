// Validates workflow files with GitHub's own parser (@actions/workflow-parser). The package only loads under tsx
// or a bundle (its JSON imports lack import attributes), so tests run this file with `npx tsx` as a child
// process. Usage: npx tsx workflow-parser-check.mjs FILE...; prints [{file, errors: [message...]}] as JSON.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { NoOperationTraceWriter, convertWorkflowTemplate, parseWorkflow } from '@actions/workflow-parser';

const results = [];
for (const file of process.argv.slice(2)) {
  const content = readFileSync(file, 'utf8');
  const parsed = parseWorkflow({ name: basename(file), content }, new NoOperationTraceWriter());
  const errors = parsed.context.errors.getErrors().map((error) => error.message);
  if (parsed.value) {
    const template = await convertWorkflowTemplate(parsed.context, parsed.value);
    for (const error of template.errors ?? []) errors.push(error.Message ?? error.message ?? String(error));
    if (!errors.length && Object.keys(template.jobs ?? {}).length === 0) errors.push('no jobs were parsed');
  }
  results.push({ file, errors: [...new Set(errors)] });
}
process.stdout.write(JSON.stringify(results));
