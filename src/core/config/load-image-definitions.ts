/**
 * Loads every image.yml of the project: discovery, literal YAML parsing, schema validation, the in-file rules and
 * defaults. Problems of all files are collected and thrown together, so one run shows everything to fix.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { type Problem, ProblemCollector } from '../shared/errors';
import { toImageConfig, type RawImageConfig } from './image-config';
import { findImageFiles } from './image-discovery';
import { imageRuleProblems } from './image-rules';
import { parseYamlSource } from './literal-yaml';
import { schemaProblems, validateImageSchema } from './schema-problems';
import { imageSchema } from './schemas';
import type { ImageDefinitionFile } from './types';

/** One image.yml: its definition when valid, else what is wrong with it. */
export interface LoadedFile {
  definition?: ImageDefinitionFile;
  problems: Problem[];
}

export async function loadImageDefinitions(root: string, imagesDir = 'images'): Promise<ImageDefinitionFile[]> {
  const collector = new ProblemCollector();
  const { files, problems } = await findImageFiles(root, imagesDir);
  collector.addAll(problems);
  const loaded = await Promise.all(files.map((file) => loadImageFile(root, file)));
  for (const result of loaded) collector.addAll(result.problems);
  collector.throwIfAny();
  return loaded.flatMap((result) => (result.definition ? [result.definition] : []));
}

/** Reads one image.yml; `file` is relative to `root` with forward slashes. */
export async function loadImageFile(root: string, file: string): Promise<LoadedFile> {
  const text = await fs.readFile(path.join(root, file), 'utf8');
  return parseImageDefinition(text, file);
}

/** Parses and validates the text of one image.yml (exposed for tools that hold the text, e.g. editors and tests). */
export function parseImageDefinition(text: string, file: string): LoadedFile {
  const source = parseYamlSource(text, file);
  if (!source.parsed) return { problems: source.problems };
  if (source.data === null) {
    return {
      problems: [
        { message: 'the file is empty', location: { file, line: 1, column: 1 }, hint: 'add at least `tags:`' },
      ],
    };
  }
  const problems = [
    ...source.problems,
    ...schemaProblems(validateImageSchema, { data: source.data, locators: source, rootSchema: imageSchema }),
    ...imageRuleProblems(source.data, source),
  ];
  if (problems.length > 0) return { problems };
  const definition: ImageDefinitionFile = {
    file,
    dir: path.posix.dirname(file),
    config: toImageConfig(source.data as RawImageConfig),
    locate: source.locate,
  };
  return { definition, problems };
}
