/**
 * Loads .image-manager.yml (or .image-manager.yaml) into a ProjectConfig. The proof of concept's keys are all
 * accepted so its users keep their file; a project without the file gets the defaults. Problems are collected
 * and thrown together; an unset `${VAR}` is never one (see readText).
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ConfigError, type Problem, ProblemCollector } from '../shared/errors';
import { type Logger, silentLogger } from '../shared/logger';
import { redact } from '../shared/redact';
import { normaliseCache } from './cache-settings';
import { type ConfigContext, isSensitivePath, problemAt, readText } from './config-context';
import { parseYamlSource } from './literal-yaml';
import { normalisePlatforms } from './platform-settings';
import type { RawProjectConfig } from './raw-project-config';
import { normaliseRegistries } from './registry-settings';
import { schemaProblems, validateConfigSchema } from './schema-problems';
import { configSchema } from './schemas';
import type { CiConfig, LabelsConfig, ProjectConfig } from './types';

export const PROJECT_CONFIG_FILES = ['.image-manager.yml', '.image-manager.yaml'];
export const DEFAULT_DIST_DIR = 'dist';
export const DEFAULT_IMAGES_DIR = 'images';

const LABEL_KEYS = ['vendor', 'authors', 'url', 'documentation', 'licenses'] as const;

export async function loadProjectConfig(
  root: string,
  env: NodeJS.ProcessEnv,
  logger: Logger = silentLogger,
): Promise<ProjectConfig> {
  const present: string[] = [];
  for (const name of PROJECT_CONFIG_FILES) {
    if ((await fs.stat(path.join(root, name)).catch(() => undefined))?.isFile()) present.push(name);
  }
  if (present.length > 1) {
    throw new ConfigError([
      { message: `both ${present.join(' and ')} exist`, location: { file: present[1] }, hint: 'keep one of them' },
    ]);
  }
  if (present.length === 0) return parseProjectConfig(undefined, undefined, root, env, logger);
  const text = await fs.readFile(path.join(root, present[0]), 'utf8');
  return parseProjectConfig(text, present[0], root, env, logger);
}

/** Parses the text of a project config; `text` undefined means the project has none. */
export function parseProjectConfig(
  text: string | undefined,
  file: string | undefined,
  root: string,
  env: NodeJS.ProcessEnv,
  logger: Logger = silentLogger,
): ProjectConfig {
  if (text === undefined || file === undefined) {
    const nowhere = () => ({ file: PROJECT_CONFIG_FILES[0] });
    const ctx: ConfigContext = { env, logger, locate: nowhere, locateValue: nowhere, problems: [] };
    return normalise(ctx, {}, root);
  }
  const source = parseYamlSource(text, file);
  const problems: Problem[] = [...source.problems];
  if (source.parsed && source.data !== null) {
    problems.push(
      ...schemaProblems(validateConfigSchema, {
        data: source.data,
        locators: source,
        rootSchema: configSchema,
        isSensitive: isSensitivePath,
      }),
    );
  }
  throwIfAny(problems);
  const ctx: ConfigContext = { env, logger, locate: source.locate, locateValue: source.locateValue, problems };
  const config = normalise(ctx, (source.data ?? {}) as RawProjectConfig, root);
  throwIfAny(problems);
  return { ...config, file, locate: source.locate };
}

function throwIfAny(problems: Problem[]): void {
  // Belt and braces: a message quoting a user's value must not carry a credential to a log.
  const collector = new ProblemCollector();
  collector.addAll(problems.map((p) => ({ ...p, message: redact(p.message), hint: p.hint && redact(p.hint) })));
  collector.throwIfAny();
}

function normalise(ctx: ConfigContext, raw: RawProjectConfig, root: string): ProjectConfig {
  const dist = readText(ctx, ['dist_dir'], raw.dist_dir, `\`${DEFAULT_DIST_DIR}\` is used`) || DEFAULT_DIST_DIR;
  const images =
    readText(ctx, ['images_dir'], raw.images_dir, `\`${DEFAULT_IMAGES_DIR}\` is used`) || DEFAULT_IMAGES_DIR;
  checkDistDir(ctx, root, dist, images);
  return {
    dist_dir: dist,
    images_dir: images,
    registries: normaliseRegistries(ctx, raw),
    cache: normaliseCache(ctx, raw.cache),
    labels: labels(ctx, raw.labels ?? {}),
    platforms: normalisePlatforms(ctx, raw.platforms),
    ...(raw.builder ? { builder: raw.builder } : {}),
    ci: ci(ctx, raw.ci ?? {}),
    upstream: upstream(ctx, raw.upstream ?? {}),
  };
}

/** `generate` replaces the content of dist_dir, so it must not be the project, one of its parents or the images. */
function checkDistDir(ctx: ConfigContext, root: string, dist: string, images: string): void {
  const absoluteRoot = path.resolve(root);
  const absoluteDist = path.resolve(root, dist);
  const contains = (outer: string, inner: string) => {
    const relative = path.relative(outer, inner);
    return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
  };
  if (contains(absoluteDist, absoluteRoot) || contains(absoluteDist, path.resolve(root, images))) {
    problemAt(ctx, ['dist_dir'], {
      message: `\`${dist}\` contains the project or its images, and generated output replaces what is there`,
      hint: 'use a directory of its own, e.g. `dist`',
    });
  }
}

function labels(ctx: ConfigContext, raw: Record<string, string>): LabelsConfig {
  const result: LabelsConfig = {};
  for (const key of LABEL_KEYS) {
    const value = readText(ctx, ['labels', key], raw[key], 'the label is not set');
    if (value !== undefined) result[key] = value;
  }
  return result;
}

function ci(ctx: ConfigContext, raw: NonNullable<RawProjectConfig['ci']>): CiConfig {
  const text = (key: 'template' | 'output' | 'image' | 'actions_ref') =>
    readText(ctx, ['ci', key], raw[key], 'the default is used');
  const result: CiConfig & { template?: string } = { pins: { ...raw.pins }, artifacts: raw.artifacts ?? false };
  if (raw.provider) result.provider = raw.provider;
  for (const key of ['template', 'output', 'image', 'actions_ref'] as const) {
    const value = text(key);
    if (value) result[key] = value;
  }
  return result;
}

function upstream(ctx: ConfigContext, raw: Record<string, string>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [image, replacement] of Object.entries(raw)) {
    const value = readText(ctx, ['upstream', image], replacement, 'the upstream image is used unchanged');
    if (value) result[image] = value;
  }
  return result;
}
