/**
 * From image definitions to resolved images: names derived, definitions of the same image grouped, tags ×
 * variants expanded, the cascade merged, templates and rootfs levels found. Every problem of every file is
 * collected; the caller throws them together.
 */
import * as path from 'node:path';
import type { ImageDefinitionFile } from '../config/types';
import { formatFieldPath } from '../config/field-path';
import { rootfsUserProblem } from '../rootfs/rootfs-user';
import type { Problem, SourceLocation } from '../shared/errors';
import { DirectoryListings } from './directory-listings';
import { cascadeRootfs, mergeMaps } from './merge-cascade';
import { deriveImageName, isValidImageName } from './image-names';
import type { ResolvedImage, ResolvedTag } from './resolved';
import {
  dockerfileCandidates,
  searchTemplate,
  templateDirs,
  testCandidates,
  variantDockerfileCandidates,
  variantTestCandidates,
} from './template-discovery';

export interface ResolveContext {
  /** Absolute project root. */
  root: string;
  /** Images folder relative to the root (`images`). */
  imagesDir: string;
}

export function resolveImages(
  definitions: ImageDefinitionFile[],
  context: ResolveContext,
): {
  images: ResolvedImage[];
  problems: Problem[];
} {
  const problems: Problem[] = [];
  const byName = new Map<string, ResolvedImage>();
  const listings = new DirectoryListings();
  for (const definition of definitions) {
    const name = nameOf(definition, context, problems);
    if (!name) continue;
    let image = byName.get(name);
    if (!image) {
      image = newImage(name, definition);
      byName.set(name, image);
    } else {
      mergeImageAttributes(image, definition, problems);
    }
    image.definitions.push(definition);
    addTags(image, definition, context, listings, problems);
  }
  const images = [...byName.values()];
  for (const image of images) checkDuplicateTags(image, problems);
  return { images, problems };
}

function nameOf(definition: ImageDefinitionFile, context: ResolveContext, problems: Problem[]): string | undefined {
  const explicit = definition.config.name;
  const name = explicit ?? deriveImageName(definition.dir, context.imagesDir, definition.config.is_base_image);
  if (!name) {
    problems.push({
      message: 'cannot derive an image name from this location',
      location: definition.locate([]),
      hint: 'add `name:` to the file, or move it into images/<name>/<version>/',
    });
    return undefined;
  }
  if (!isValidImageName(name)) {
    problems.push({
      message: `"${name}" is not a valid image name (lowercase letters, digits and . _ - separators only)`,
      location: definition.locate(explicit ? ['name'] : []),
      field: explicit ? 'name' : undefined,
      hint: explicit
        ? 'rename the image'
        : `the name comes from the folder ${definition.dir}; set \`name:\` explicitly`,
    });
    return undefined;
  }
  return name;
}

function newImage(name: string, definition: ImageDefinitionFile): ResolvedImage {
  const c = definition.config;
  return {
    name,
    description: c.description,
    licenses: c.licenses,
    isBaseImage: c.is_base_image,
    versionScheme: c.version_scheme,
    latest: c.latest,
    definitions: [],
    tags: [],
    extends: [],
    explicitAliases: [],
  };
}

/** Image-wide settings written in several definitions of one image must agree; silently picking one would lie. */
function mergeImageAttributes(image: ResolvedImage, definition: ImageDefinitionFile, problems: Problem[]): void {
  const c = definition.config;
  const first = image.definitions[0];
  const conflict = (field: string, ours: unknown, theirs: unknown) =>
    problems.push({
      message: `"${image.name}" is also defined in ${first.file} with ${field}: ${JSON.stringify(ours)}, here ${JSON.stringify(theirs)}`,
      location: definition.locate([field]),
      field,
      hint: `image-wide settings must agree across the definitions of "${image.name}"; set it in one file only or make them equal`,
    });
  if (c.description !== undefined) {
    if (image.description !== undefined && image.description !== c.description)
      conflict('description', image.description, c.description);
    image.description ??= c.description;
  }
  if (c.licenses !== undefined) {
    if (image.licenses !== undefined && image.licenses !== c.licenses) conflict('licenses', image.licenses, c.licenses);
    image.licenses ??= c.licenses;
  }
  if (c.version_scheme !== 'auto') {
    if (image.versionScheme !== 'auto' && image.versionScheme !== c.version_scheme) {
      conflict('version_scheme', image.versionScheme, c.version_scheme);
    }
    image.versionScheme = c.version_scheme;
  }
  image.isBaseImage ||= c.is_base_image;
  image.latest ||= c.latest;
}

function addTags(
  image: ResolvedImage,
  definition: ImageDefinitionFile,
  context: ResolveContext,
  listings: DirectoryListings,
  problems: Problem[],
): void {
  const c = definition.config;
  const root = context.root;
  const dir = path.resolve(root, definition.dir);
  const imagesDir = path.resolve(root, context.imagesDir);
  const dirs = templateDirs(dir, imagesDir);
  const search = (names: string[]) => searchTemplate(root, dirs, names, listings);
  const find = (names: string[], field: Array<string | number>) => {
    const result = search(names);
    if (!result.found) missingTemplate(definition, field, result.searched(), problems);
    return result.found;
  };
  const existingDirs = (candidates: string[]) => candidates.filter((candidate) => listings.isDirectory(candidate));
  for (const [index, name] of c.extends.entries()) {
    image.extends.push({ name, source: definition.locate(['extends', index]) });
  }
  for (const [alias, target] of Object.entries(c.aliases)) {
    image.explicitAliases.push({ alias, target, source: definition.locate(['aliases', alias]) });
  }

  checkRootfsUsers(definition, problems);
  const baseTemplate = find(dockerfileCandidates(c.template), ['template']);
  const baseTest = search(testCandidates(c.test_template));
  if (c.test_template && !baseTest.found) missingTemplate(definition, ['test_template'], baseTest.searched(), problems);
  const parentRootfs = path.dirname(dir) === imagesDir ? [] : [path.join(path.dirname(dir), 'rootfs')];
  const baseLevels = existingDirs([...parentRootfs, path.join(dir, 'rootfs')]);

  const baseTags: ResolvedTag[] = [];
  for (const [index, tag] of c.tags.entries()) {
    const rootfs = cascadeRootfs(c, tag);
    const resolved: ResolvedTag = {
      image: image.name,
      name: tag.name,
      baseTagName: tag.name,
      variant: null,
      versions: mergeMaps(c.versions, tag.versions),
      variables: mergeMaps(c.variables, tag.variables),
      rootfsUser: rootfs.user,
      rootfsCopy: rootfs.copy,
      template: baseTemplate ?? '',
      testTemplate: baseTest.found ?? null,
      rootfsLevels: baseLevels,
      definition,
      source: definition.locate(['tags', index]),
    };
    baseTags.push(resolved);
    image.tags.push(resolved);
  }

  for (const [vIndex, variant] of c.variants.entries()) {
    const template = variant.template
      ? find([variant.template], ['variants', vIndex, 'template'])
      : (search(variantDockerfileCandidates(variant.name, undefined)).found ?? baseTemplate);
    const test = search(variantTestCandidates(variant.name, variant.test_template));
    if (variant.test_template && !test.found) {
      missingTemplate(definition, ['variants', vIndex, 'test_template'], test.searched(), problems);
    }
    const levels = existingDirs([...baseLevels, path.join(dir, variant.name, 'rootfs')]);
    for (const [tIndex, base] of c.tags.entries()) {
      const rootfs = cascadeRootfs(c, base, variant);
      image.tags.push({
        image: image.name,
        name: `${base.name}${variant.tag_suffix}`,
        baseTagName: base.name,
        variant: { name: variant.name, suffix: variant.tag_suffix },
        versions: mergeMaps(c.versions, base.versions, variant.versions),
        variables: mergeMaps(c.variables, base.variables, variant.variables),
        rootfsUser: rootfs.user,
        rootfsCopy: rootfs.copy,
        template: template ?? '',
        testTemplate: test.found ?? baseTest.found ?? null,
        rootfsLevels: levels,
        definition,
        source: variantSource(definition, vIndex, tIndex),
      });
    }
  }
}

/** `rootfs_user` ends up in `COPY --chown=`: check it here, where the error can name its line. */
function checkRootfsUsers(definition: ImageDefinitionFile, problems: Problem[]): void {
  const c = definition.config;
  const check = (user: string | undefined, field: Array<string | number>) => {
    const message = user === undefined ? undefined : rootfsUserProblem(user);
    if (message) problems.push({ message, location: definition.locate(field), field: formatFieldPath(field) });
  };
  check(c.rootfs_user, ['rootfs_user']);
  c.tags.forEach((t, i) => check(t.rootfs_user, ['tags', i, 'rootfs_user']));
  c.variants.forEach((v, i) => check(v.rootfs_user, ['variants', i, 'rootfs_user']));
}

function variantSource(definition: ImageDefinitionFile, variantIndex: number, _tagIndex: number): SourceLocation {
  return definition.locate(['variants', variantIndex]);
}

function missingTemplate(
  definition: ImageDefinitionFile,
  field: Array<string | number>,
  searched: string[],
  problems: Problem[],
): void {
  const explicit = field[field.length - 1] === 'template' || field[field.length - 1] === 'test_template';
  problems.push({
    message: `template not found; looked for ${searched.join(', ')}`,
    location: definition.locate(explicit ? field : []),
    field: explicit
      ? field
          .map((f) => (typeof f === 'number' ? `[${f}]` : f))
          .join('.')
          .replace(/\.\[/g, '[')
      : undefined,
    hint: explicit
      ? 'fix the path (relative to the image.yml folder or its ../templates/)'
      : 'add a Dockerfile.mustache or Dockerfile next to image.yml',
  });
}

/** Tag names are unique per image across all its definitions (two files writing one tag would overwrite). */
function checkDuplicateTags(image: ResolvedImage, problems: Problem[]): void {
  const seen = new Map<string, ResolvedTag>();
  for (const tag of image.tags) {
    const earlier = seen.get(tag.name);
    if (earlier) {
      const where = (t: ResolvedTag) => `${t.source.file}${t.source.line ? `:${t.source.line}` : ''}`;
      problems.push({
        message: `tag "${image.name}:${tag.name}" is defined twice (also at ${where(earlier)})`,
        location: tag.source,
        hint: tag.variant ? 'give the variant a different tag_suffix' : 'remove or rename one of the tags',
      });
    } else {
      seen.set(tag.name, tag);
    }
  }
}
