/**
 * Renders every tag of the resolved images: Mustache templates with catalog references resolved, FROM lines
 * analysed for dependencies (written through `{{#image}}` or literally), literal catalog references rewritten to
 * full registry references, upstream bases substituted from `upstream:` in .image-manager.yml.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { ProjectConfig } from '../config/types';
import type { ResolvedImage, ResolvedTag } from '../model/resolved';
import type { Problem } from '../shared/errors';
import { parseFromInstructions, rewriteFromReferences } from '../dockerfile/from-instructions';
import { formatImageReference, resolveCatalogReference, type ReferenceableImage } from '../render/image-reference';
import { renderTemplate, type TemplateSource } from '../render/mustache-template';
import type { CatalogReference, RenderedTag } from './catalog';

export interface RenderContext {
  root: string;
  registry: string;
  snapshotId?: string;
  upstream: ProjectConfig['upstream'];
  referenceable: Map<string, ReferenceableImage>;
}

/** A template as renderTag needs it: text and display path, made once per file for all the tags using it. */
type TemplateFiles = (file: string) => TemplateSource;

export function renderTags(image: ResolvedImage, context: RenderContext, problems: Problem[]): RenderedTag[] {
  const rendered: RenderedTag[] = [];
  const templates = new Map<string, TemplateSource>();
  const template: TemplateFiles = (file) => {
    let source = templates.get(file);
    if (!source) {
      const displayFile = path.relative(context.root, file).split(path.sep).join('/');
      source = { file, displayFile, text: readFileSync(file, 'utf8') };
      templates.set(file, source);
    }
    return source;
  };
  for (const tag of image.tags) {
    if (!tag.template) continue; // a missing template was already reported
    const result = renderTag(tag, context, template, problems);
    if (result) rendered.push(result);
  }
  return rendered;
}

function renderTag(
  tag: ResolvedTag,
  context: RenderContext,
  template: TemplateFiles,
  problems: Problem[],
): RenderedTag | undefined {
  const ref = formatImageReference(context.registry, tag.image, tag.name, context.snapshotId);
  const bases: CatalogReference[] = [];
  const view: Record<string, unknown> = {
    name: tag.image,
    tag: tag.name,
    base_tag: tag.baseTagName,
    variant: tag.variant?.name ?? '',
    versions: tag.versions,
    variables: tag.variables,
    registry: context.registry,
    snapshot_id: context.snapshotId ?? '',
    ref,
  };
  if (tag.variant) {
    view.base_image = formatImageReference(context.registry, tag.image, tag.baseTagName, context.snapshotId);
  }
  const resolveImage = (text: string) => {
    const resolution = resolveCatalogReference(text, context.referenceable);
    if (!resolution.ok) return { problem: { message: resolution.message, hint: resolution.hint } };
    return { ref: formatImageReference(context.registry, resolution.image, resolution.tag, context.snapshotId) };
  };
  const dockerfileTemplate = template(tag.template);
  const dockerfileOutcome = renderTemplate(dockerfileTemplate, view, resolveImage);
  problems.push(...dockerfileOutcome.problems);
  let testConfig: string | null = null;
  if (tag.testTemplate) {
    const testOutcome = renderTemplate(template(tag.testTemplate), view, resolveImage);
    problems.push(...testOutcome.problems);
    testConfig = testOutcome.output ?? null;
  }
  if (dockerfileOutcome.output === undefined) return undefined;
  const analysed = analyseFromLines(dockerfileOutcome.output, context, dockerfileTemplate.displayFile, problems, bases);
  return { resolved: tag, ref, dockerfile: analysed.dockerfile, testConfig, bases, upstreamBases: analysed.upstream };
}

/**
 * Every FROM naming a catalog image becomes a dependency and is written as its full reference; every other image
 * is upstream (substituted when `upstream:` maps it). A catalog image name with an unknown tag is an error rather
 * than a silent pull of a same-named upstream image: write the upstream registry explicitly for that.
 */
function analyseFromLines(
  dockerfile: string,
  context: RenderContext,
  templateFile: string,
  problems: Problem[],
  bases: CatalogReference[],
): { dockerfile: string; upstream: string[] } {
  const upstream: string[] = [];
  const replacements: Array<{ from: ReturnType<typeof parseFromInstructions>[number]; ref: string }> = [];
  const froms = parseFromInstructions(dockerfile);
  if (froms.length === 0) {
    problems.push({ message: 'the rendered Dockerfile has no FROM instruction', location: { file: templateFile } });
  }
  for (const from of froms) {
    if (from.notAnImage) continue;
    const candidate = catalogCandidate(from.ref, context);
    if (candidate && context.referenceable.has(candidate.name)) {
      const resolution = resolveCatalogReference(candidate.text, context.referenceable);
      if (!resolution.ok) {
        problems.push({
          message: `FROM ${from.ref} (rendered line ${from.line}): ${resolution.message}`,
          location: { file: templateFile },
          hint: candidate.prefixed
            ? resolution.hint
            : `${resolution.hint ?? ''}${resolution.hint ? '; ' : ''}for an upstream image of the same name, write its registry (docker.io/library/${candidate.name})`,
        });
        continue;
      }
      const full = formatImageReference(context.registry, resolution.image, resolution.tag, context.snapshotId);
      bases.push({ image: resolution.image, tag: resolution.tag, ref: full });
      if (full !== from.ref) replacements.push({ from, ref: full });
      continue;
    }
    const substitute = context.upstream[from.ref] ?? context.upstream[normaliseUpstream(from.ref)];
    if (substitute) replacements.push({ from, ref: substitute });
    upstream.push(substitute ?? from.ref);
  }
  return { dockerfile: rewriteFromReferences(dockerfile, replacements), upstream };
}

/** A FROM reference as a catalog lookup: our registry prefix and snapshot suffix removed. */
function catalogCandidate(
  ref: string,
  context: RenderContext,
): { name: string; text: string; prefixed: boolean } | undefined {
  if (ref.includes('@')) return undefined;
  let rest = ref;
  const prefixed = rest.startsWith(`${context.registry}/`);
  if (prefixed) rest = rest.slice(context.registry.length + 1);
  else if (/^[^/]+[.:][^/]*\//.test(rest) || rest.startsWith('localhost/')) return undefined; // another registry
  const colon = rest.lastIndexOf(':');
  const name = colon > 0 ? rest.slice(0, colon) : rest;
  let tagPart = colon > 0 ? rest.slice(colon + 1) : undefined;
  if (!prefixed && name.startsWith('library/')) return undefined;
  if (tagPart && context.snapshotId && tagPart.endsWith(`-${context.snapshotId}`)) {
    tagPart = tagPart.slice(0, -(context.snapshotId.length + 1));
  }
  return { name, text: tagPart ? `${name}:${tagPart}` : name, prefixed };
}

/** `docker.io/library/debian:12` and `debian:12` are the same upstream image. */
function normaliseUpstream(ref: string): string {
  return ref.replace(/^(?:docker\.io|index\.docker\.io|registry-1\.docker\.io)\/(?:library\/)?/, '');
}
