import { symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { loadImageDefinitions } from '../../../src/core/config/load-image-definitions';
import { findImageFiles } from '../../../src/core/config/image-discovery';
import { ConfigError } from '../../../src/core/shared/errors';
import { configErrorLines, tempProjects } from './fixtures/temp-project';

const projects = tempProjects();
afterAll(() => projects.cleanup());

const MINIMAL = 'tags: [{name: "1"}]\n';

describe('findImageFiles', () => {
  it('finds every image.yml in byte order, skipping rootfs trees and symlinked directories', async () => {
    const root = projects.create({
      'images/b/1/image.yml': MINIMAL,
      'images/a/2/image.yml': MINIMAL,
      'images/a/10/image.yml': MINIMAL,
      'images/A/1/image.yml': MINIMAL,
      'images/a/1/image.yml': MINIMAL,
      'images/a/1/rootfs/etc/app/image.yml': 'not: an image definition',
      'images/rootfs/image.yml': 'not: one either',
      'images/a/1/slim/Dockerfile.mustache': 'FROM x',
      'images/README.md': '# images',
    });
    symlinkSync(path.join(root, 'images/a'), path.join(root, 'images/z-link'));
    const { files, problems } = await findImageFiles(root, 'images');
    expect(problems).toEqual([]);
    expect(files).toEqual([
      'images/A/1/image.yml',
      'images/a/1/image.yml',
      'images/a/10/image.yml',
      'images/a/2/image.yml',
      'images/b/1/image.yml',
    ]);
  });

  it('reads a symlinked image.yml file', async () => {
    const root = projects.create({ 'shared/image.yml': MINIMAL, 'images/app/1/.keep': '' });
    symlinkSync(path.join(root, 'shared/image.yml'), path.join(root, 'images/app/1/image.yml'));
    expect((await findImageFiles(root, 'images')).files).toEqual(['images/app/1/image.yml']);
  });

  it('points out an image.yaml, which would otherwise be ignored silently', async () => {
    const root = projects.create({ 'images/app/1/image.yaml': MINIMAL });
    expect(await findImageFiles(root, 'images')).toEqual({
      files: [],
      problems: [
        {
          message: 'image definitions must be named image.yml; this file is not read',
          location: { file: 'images/app/1/image.yaml' },
          hint: 'rename it to image.yml',
        },
      ],
    });
  });

  it.each([
    ['a missing images directory', {}, 'images: the images directory images does not exist'],
    ['a file in its place', { images: 'oops' }, 'images: images is not a directory'],
  ])('reports %s', async (_name, files, expected) => {
    const root = projects.create(files);
    const { problems } = await findImageFiles(root, 'images');
    expect(problems.map((p) => `${p.location?.file}: ${p.message}`)).toEqual([expected]);
  });
});

describe('loadImageDefinitions', () => {
  it('returns typed definitions with project-relative paths and working locators', async () => {
    const root = projects.create({
      'images/python/3.13/image.yml': 'tags:\n  - name: 3.13.7\n    versions: {python: 3.13.7}\n',
      'images/base/ubuntu/image.yml': 'is_base_image: true\ntags:\n  - name: 24.04\n',
    });
    const definitions = await loadImageDefinitions(root);
    expect(definitions.map((d) => [d.file, d.dir, d.config.tags.map((t) => t.name)])).toEqual([
      ['images/base/ubuntu/image.yml', 'images/base/ubuntu', ['24.04']],
      ['images/python/3.13/image.yml', 'images/python/3.13', ['3.13.7']],
    ]);
    expect(definitions[1].locate(['tags', 0, 'versions', 'python'])).toEqual({
      file: 'images/python/3.13/image.yml',
      line: 3,
      column: 16,
    });
  });

  it('reads another images directory when asked', async () => {
    const root = projects.create({ 'catalog/app/1/image.yml': MINIMAL });
    expect((await loadImageDefinitions(root, 'catalog')).map((d) => d.file)).toEqual(['catalog/app/1/image.yml']);
  });

  it('throws one ConfigError with the problems of all files, sorted by file and line', async () => {
    const root = projects.create({
      'images/b/1/image.yml': 'tags:\n  - name: 1+1\nvaraints: []\n',
      'images/a/1/image.yml': 'name: App\n',
      'images/c/1/image.yml': MINIMAL,
      'images/d/1/image.yml': 'tags: [\n',
      'images/e/1/image.yaml': MINIMAL,
    });
    await expect(loadImageDefinitions(root)).rejects.toBeInstanceOf(ConfigError);
    const lines = await configErrorLines(() => loadImageDefinitions(root));
    expect(lines.map((line) => line.replace(/ \(.*$/, ''))).toEqual([
      'images/a/1/image.yml:1:1: tags: missing required field `tags`',
      'images/a/1/image.yml:1:7: name: `App`: image names must be lowercase',
      'images/b/1/image.yml:2:11: tags[0].name: `1+1`: `+` is not allowed in a Docker tag',
      'images/b/1/image.yml:3:1: varaints: unknown key `varaints`',
      'images/d/1/image.yml:2:1: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
      'images/e/1/image.yaml: image definitions must be named image.yml; this file is not read',
    ]);
  });

  it('throws a ConfigError when the images directory is missing', async () => {
    const root = projects.create({ 'README.md': '' });
    expect(await configErrorLines(() => loadImageDefinitions(root))).toEqual([
      'images: the images directory images does not exist (create it, or set `images_dir` in .image-manager.yml)',
    ]);
  });
});
