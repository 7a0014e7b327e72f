/** The GitLab CI templates as data: their `spec:inputs` header and their job document, read with `yaml`. */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { TEMPLATES_DIR } from './gitlab-project';

export interface TemplateInput {
  type?: string;
  default?: unknown;
  description?: string;
  options?: unknown[];
  regex?: string;
}

export interface TemplateFile {
  /** Component name: the file name without `.yml`. */
  name: string;
  text: string;
  inputs: Record<string, TemplateInput>;
  /** The second document: jobs (with `$[[ inputs.… ]]` still in place). */
  body: Record<string, Record<string, unknown>>;
  /** Text of the second document. */
  bodyText: string;
}

export const STEP_TEMPLATES = ['generate', 'build', 'merge-manifest', 'sbom', 'test', 'publish'];

export function readTemplates(): TemplateFile[] {
  return readdirSync(TEMPLATES_DIR)
    .filter((file) => file.endsWith('.yml'))
    .sort()
    .map((file) => readTemplate(file.replace(/\.yml$/, '')));
}

export function readTemplate(name: string): TemplateFile {
  const text = readFileSync(path.join(TEMPLATES_DIR, `${name}.yml`), 'utf8');
  const documents = parseAllDocuments(text);
  if (documents.length !== 2) throw new Error(`${name}.yml: expected a spec header and a job document`);
  for (const document of documents) {
    if (document.errors.length > 0) throw new Error(`${name}.yml: ${document.errors[0].message}`);
  }
  const header = documents[0].toJS() as { spec?: { inputs?: Record<string, TemplateInput> } };
  const separator = text.indexOf('\n---\n');
  return {
    name,
    text,
    inputs: header.spec?.inputs ?? {},
    body: documents[1].toJS() as Record<string, Record<string, unknown>>,
    bodyText: text.slice(separator + 5),
  };
}

/** Names used as `$[[ inputs.NAME ]]` (with or without functions) in `text`. */
export function referencedInputs(text: string): string[] {
  return [...new Set([...text.matchAll(/\$\[\[\s*inputs\.([\w-]+)\s*(?:\|[^\]]*)?\]\]/g)].map((m) => m[1]))].sort();
}
