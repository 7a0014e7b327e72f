import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { ImageConfig, ImageDefinitionFile, TagConfig, VariantConfig } from '../../../src/core/config/types';
import { resolveImages } from '../../../src/core/model/resolve-images';

/** A project on disk with the given files; definitions are built in memory (the loader has its own tests). */
function project(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'im-resolve-'));
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }
  return root;
}

const tag = (name: string, extra: Partial<TagConfig> = {}): TagConfig => ({
  name,
  versions: {},
  variables: {},
  ...extra,
});
const variant = (name: string, suffix: string, extra: Partial<VariantConfig> = {}): VariantConfig => ({
  name,
  tag_suffix: suffix,
  versions: {},
  variables: {},
  ...extra,
});

function definition(dir: string, config: Partial<ImageConfig>): ImageDefinitionFile {
  const file = `${dir}/image.yml`;
  return {
    file,
    dir,
    locate: (p) => ({ file, line: p.length + 1 }),
    config: {
      is_base_image: false,
      version_scheme: 'auto',
      latest: false,
      versions: {},
      variables: {},
      tags: [],
      variants: [],
      extends: [],
      aliases: {},
      ...config,
    },
  };
}

describe('resolveImages', () => {
  it('expands tags × variants with the image → tag → variant cascade', () => {
    const root = project({ 'images/python/3.13/Dockerfile.mustache': 'FROM x\n' });
    const { images, problems } = resolveImages(
      [
        definition('images/python/3.13', {
          versions: { python: '3.13', debian: 'bookworm' },
          variables: { env: 'production' },
          rootfs_user: '1000:1000',
          tags: [tag('3.13.7', { versions: { python: '3.13.7' }, rootfs_user: '2000:2000' }), tag('3.13.6')],
          variants: [variant('browser', '-browser', { variables: { env: 'testing' }, versions: { chrome: '120' } })],
        }),
      ],
      { root, imagesDir: 'images' },
    );
    expect(problems).toEqual([]);
    expect(images).toHaveLength(1);
    const summary = images[0].tags.map((t) => [
      t.name,
      t.baseTagName,
      t.variant?.name ?? null,
      t.versions,
      t.variables,
      t.rootfsUser,
    ]);
    expect(summary).toEqual([
      ['3.13.7', '3.13.7', null, { python: '3.13.7', debian: 'bookworm' }, { env: 'production' }, '2000:2000'],
      ['3.13.6', '3.13.6', null, { python: '3.13', debian: 'bookworm' }, { env: 'production' }, '1000:1000'],
      [
        '3.13.7-browser',
        '3.13.7',
        'browser',
        { python: '3.13.7', debian: 'bookworm', chrome: '120' },
        { env: 'testing' },
        '2000:2000',
      ],
      [
        '3.13.6-browser',
        '3.13.6',
        'browser',
        { python: '3.13', debian: 'bookworm', chrome: '120' },
        { env: 'testing' },
        '1000:1000',
      ],
    ]);
  });

  it('finds templates in the documented order (variant folder, Dockerfile.<variant>, shared templates/, default)', () => {
    const root = project({
      'images/app/templates/Dockerfile.mustache': 'FROM shared\n',
      'images/app/templates/Dockerfile.slim.mustache': 'FROM slim\n',
      'images/app/1/browser/Dockerfile': 'FROM browser\n',
      'images/app/1/Dockerfile.custom.mustache': 'FROM custom\n',
      'images/app/1/test.yml.mustache': 'schemaVersion: 2.0.0\n',
      'images/app/templates/test.slim.yml': 'schemaVersion: 2.0.0\n',
    });
    const { images, problems } = resolveImages(
      [
        definition('images/app/1', {
          tags: [tag('1.0.0')],
          variants: [
            variant('browser', '-browser'),
            variant('slim', '-slim'),
            variant('custom', '-c', { template: 'Dockerfile.custom.mustache' }),
            variant('plain', '-p'),
          ],
        }),
      ],
      { root, imagesDir: 'images' },
    );
    expect(problems).toEqual([]);
    const rel = (f: string | null) => (f ? path.relative(root, f) : null);
    expect(images[0].tags.map((t) => [t.name, rel(t.template), rel(t.testTemplate)])).toEqual([
      ['1.0.0', 'images/app/templates/Dockerfile.mustache', 'images/app/1/test.yml.mustache'],
      ['1.0.0-browser', 'images/app/1/browser/Dockerfile', 'images/app/1/test.yml.mustache'],
      ['1.0.0-slim', 'images/app/templates/Dockerfile.slim.mustache', 'images/app/templates/test.slim.yml'],
      ['1.0.0-c', 'images/app/1/Dockerfile.custom.mustache', 'images/app/1/test.yml.mustache'],
      ['1.0.0-p', 'images/app/templates/Dockerfile.mustache', 'images/app/1/test.yml.mustache'],
    ]);
  });

  it('collects rootfs levels: image (shared parent), version, variant', () => {
    const root = project({
      'images/lua/5.4/Dockerfile': 'FROM x\n',
      'images/lua/rootfs/a': 'image',
      'images/lua/5.4/rootfs/b': 'version',
      'images/lua/5.4/dev/rootfs/c': 'variant',
      'images/solo/Dockerfile': 'FROM x\n',
      'images/solo/rootfs/d': 'solo',
    });
    const { images } = resolveImages(
      [
        definition('images/lua/5.4', { tags: [tag('5.4.4')], variants: [variant('dev', '-dev')] }),
        definition('images/solo', { tags: [tag('1')] }),
      ],
      { root, imagesDir: 'images' },
    );
    const levels = images.flatMap((i) =>
      i.tags.map((t) => [t.name, t.rootfsLevels.map((l) => path.relative(root, l))]),
    );
    expect(levels).toEqual([
      ['5.4.4', ['images/lua/rootfs', 'images/lua/5.4/rootfs']],
      ['5.4.4-dev', ['images/lua/rootfs', 'images/lua/5.4/rootfs', 'images/lua/5.4/dev/rootfs']],
      ['1', ['images/solo/rootfs']],
    ]);
  });

  it('groups several definitions of one image and keeps discovery order', () => {
    const root = project({ 'images/python/3.12/Dockerfile': 'FROM a\n', 'images/python/3.13/Dockerfile': 'FROM b\n' });
    const { images, problems } = resolveImages(
      [
        definition('images/python/3.12', { tags: [tag('3.12.9')] }),
        definition('images/python/3.13', { tags: [tag('3.13.7')], description: 'Python' }),
      ],
      { root, imagesDir: 'images' },
    );
    expect(problems).toEqual([]);
    expect(images.map((i) => [i.name, i.description, i.definitions.length, i.tags.map((t) => t.name)])).toEqual([
      ['python', 'Python', 2, ['3.12.9', '3.13.7']],
    ]);
  });

  it.each<[string, Record<string, string>, ImageDefinitionFile[], RegExp]>([
    [
      'the same tag in two definitions',
      { 'images/p/1/Dockerfile': 'FROM a\n', 'images/p/2/Dockerfile': 'FROM a\n' },
      [definition('images/p/1', { tags: [tag('1.0')] }), definition('images/p/2', { tags: [tag('1.0')] })],
      /tag "p:1\.0" is defined twice \(also at images\/p\/1\/image\.yml:3\)/,
    ],
    [
      'a variant tag equal to a base tag of another definition',
      { 'images/p/1/Dockerfile': 'FROM a\n', 'images/p/2/Dockerfile': 'FROM a\n' },
      [
        definition('images/p/1', { tags: [tag('1-x')] }),
        definition('images/p/2', { tags: [tag('1')], variants: [variant('x', '-x')] }),
      ],
      /tag "p:1-x" is defined twice/,
    ],
    [
      'conflicting descriptions',
      { 'images/p/1/Dockerfile': 'FROM a\n', 'images/p/2/Dockerfile': 'FROM a\n' },
      [
        definition('images/p/1', { tags: [tag('1')], description: 'A' }),
        definition('images/p/2', { tags: [tag('2')], description: 'B' }),
      ],
      /also defined in images\/p\/1\/image\.yml with description/,
    ],
    [
      'a missing Dockerfile',
      {},
      [definition('images/p/1', { tags: [tag('1')] })],
      /template not found; looked for images\/p\/1\/Dockerfile\.mustache, images\/p\/1\/Dockerfile, images\/p\/templates\/Dockerfile\.mustache/,
    ],
    [
      'a missing explicit template',
      { 'images/p/1/Dockerfile': 'FROM a\n' },
      [definition('images/p/1', { tags: [tag('1')], template: 'Nope.mustache' })],
      /template not found; looked for images\/p\/1\/Nope\.mustache/,
    ],
    [
      'an invalid derived name',
      { 'images/Py/1/Dockerfile': 'FROM a\n' },
      [definition('images/Py/1', { tags: [tag('1')] })],
      /"Py" is not a valid image name/,
    ],
  ])('reports %s', (_name, files, definitions, message) => {
    const { problems } = resolveImages(definitions, { root: project(files), imagesDir: 'images' });
    expect(problems.map((p) => p.message).join('\n')).toMatch(message);
  });
});
