import { existsSync, lstatSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { cli } from '../support/run-cli';
import { copyExampleCatalog, makeProject, writeFiles } from '../support/project-fixture';
import { expectTreeToMatchGolden, snapshotTree } from '../support/tree-snapshot';

const GOLDEN = path.join(__dirname, 'golden', 'example-catalog-out');

describe('image-manager generate on the example catalog', () => {
  it('writes the golden output', async () => {
    const root = copyExampleCatalog();
    const run = await cli(['generate'], { cwd: root });
    expect(run.stderr).toContain('Generated 7 tags of 4 images into out/');
    expect(run.code).toBe(0);
    expectTreeToMatchGolden(path.join(root, 'out'), GOLDEN);
  });

  it('is byte-identical across runs and folders', async () => {
    const a = copyExampleCatalog();
    const b = copyExampleCatalog();
    expect((await cli(['generate'], { cwd: a })).code).toBe(0);
    expect((await cli(['generate', '-C', b], { cwd: '/' })).code).toBe(0);
    expect(snapshotTree(path.join(a, 'out'))).toEqual(snapshotTree(path.join(b, 'out')));
  });

  it('references snapshot tags everywhere under --snapshot-id', async () => {
    const root = copyExampleCatalog();
    expect((await cli(['generate', '--snapshot-id', 'mr-42'], { cwd: root })).code).toBe(0);
    expect(readFileSync(path.join(root, 'out/luacheck/1.1.0/Dockerfile'), 'utf8')).toContain(
      'FROM 127.0.0.1:5050/lua:5.1.5-mr-42\n',
    );
    expect(readFileSync(path.join(root, 'out/lua/5.4.4-dev/Dockerfile'), 'utf8')).toContain(
      'FROM 127.0.0.1:5050/lua:5.4.4-mr-42\n',
    );
    // Upstream images keep their tag: only catalog references get the snapshot suffix.
    expect(readFileSync(path.join(root, 'out/base/2026.11/Dockerfile'), 'utf8')).toContain(
      'FROM 127.0.0.1:5050/library/debian:bookworm-slim\n',
    );
    const catalog = JSON.parse(readFileSync(path.join(root, 'out/catalog.json'), 'utf8'));
    expect(catalog.snapshotId).toBe('mr-42');
    expect(catalog.images[0].tags[0].name).toBe('2026.11');
  });

  it.each([['mr 42'], ['-x'], ['a'.repeat(65)], ['pr/1']])('rejects the snapshot id %j', async (id) => {
    const run = await cli(['generate', `--snapshot-id=${id}`], { cwd: copyExampleCatalog() });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--snapshot-id .* is not usable in a tag/);
  });
});

const minimal = (extra: Record<string, string> = {}) => ({
  'images/app/1/image.yml': 'tags:\n  - name: 1.0.0\n  - name: 1.1.0\n',
  'images/app/1/Dockerfile': 'FROM busybox:1\n',
  ...extra,
});

describe('generate replaces its output as a whole', () => {
  it('removes tags, aliases and rootfs files that no longer exist', async () => {
    const root = makeProject({ ...minimal(), 'images/app/1/rootfs/etc/old': 'old\n' });
    expect((await cli(['generate'], { cwd: root })).code).toBe(0);
    expect(existsSync(path.join(root, 'dist/app/1.0.0/rootfs/etc/old'))).toBe(true);
    writeFiles(root, { 'images/app/1/image.yml': 'tags:\n  - name: 1.1.0\n' });
    writeFileSync(path.join(root, 'images/app/1/rootfs/etc/old'), 'x');
    const { rmSync } = await import('node:fs');
    rmSync(path.join(root, 'images/app/1/rootfs'), { recursive: true });
    expect((await cli(['generate'], { cwd: root })).code).toBe(0);
    expect(existsSync(path.join(root, 'dist/app/1.0.0'))).toBe(false);
    expect(existsSync(path.join(root, 'dist/app/1.1.0/rootfs'))).toBe(false);
    expect(readFileSync(path.join(root, 'dist/app/1.1.0/Dockerfile'), 'utf8')).toBe('FROM busybox:1\n');
  });

  it('leaves the previous output untouched when the new run fails', async () => {
    const root = makeProject(minimal());
    expect((await cli(['generate'], { cwd: root })).code).toBe(0);
    const before = snapshotTree(path.join(root, 'dist'));
    writeFiles(root, { 'images/app/1/Dockerfile': 'FROM {{#image}}nope{{/image}}\n' });
    const run = await cli(['generate'], { cwd: root });
    expect(run.code).toBe(2);
    expect(snapshotTree(path.join(root, 'dist'))).toEqual(before);
    expect(run.stderr).toContain('nothing was written');
  });

  it('refuses to replace a folder it did not write', async () => {
    const root = makeProject({ ...minimal(), 'dist/index.js': 'my bundle' });
    const run = await cli(['generate'], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/dist\/ exists and was not written by image-manager/);
    expect(readFileSync(path.join(root, 'dist/index.js'), 'utf8')).toBe('my bundle');
  });
});

describe('generate reports bad input clearly', () => {
  it.each<[string, Record<string, string>, RegExp[]]>([
    [
      'a typo in a key, with the line and a suggestion',
      { 'images/app/1/image.yml': 'tags:\n  - name: 1.0.0\nvaraints: []\n' },
      [/images\/app\/1\/image\.yml:3:1: .*varaints/, /did you mean `variants`/],
    ],
    [
      'an unknown catalog image in a template',
      {
        'images/app/1/Dockerfile': 'FROM x\n\nFROM {{#image}}bsae{{/image}}\n',
        'images/base/image.yml': 'tags: [{name: "1"}]\n',
        'images/base/Dockerfile': 'FROM y\n',
      },
      [/images\/app\/1\/Dockerfile:3: "bsae" is not an image of this catalog \(did you mean "base"\?\)/],
    ],
    [
      'an unknown version key',
      {
        'images/app/1/Dockerfile': 'FROM x:{{versions.pyhton}}\n',
        'images/app/1/image.yml': 'versions: {python: "3.10"}\ntags: [{name: 1.0.0}]\n',
      },
      [
        /images\/app\\?\/1\/Dockerfile:1: unknown template variable "versions.pyhton"/,
        /did you mean "versions.python"/,
      ],
    ],
    [
      'a multi-tag base referenced without a tag (the PoC rendered FROM None)',
      {
        'images/app/1/Dockerfile': 'FROM {{#image}}base{{/image}}\n',
        'images/base/image.yml': 'tags: [{name: "1"}, {name: "2"}]\n',
        'images/base/Dockerfile': 'FROM y\n',
      },
      [/"base" has several tags; say which one \(write one of: base:1, base:2\)/],
    ],
    [
      'a dependency cycle, with the files involved',
      {
        'images/app/1/Dockerfile': 'FROM {{#image}}b{{/image}}\n',
        'images/a/image.yml': 'tags: [{name: "1"}]\n',
        'images/a/Dockerfile': 'FROM {{#image}}b{{/image}}\n',
        'images/b/image.yml': 'tags: [{name: "1"}]\n',
        'images/b/Dockerfile': 'FROM {{#image}}a{{/image}}\n',
      },
      [/dependency cycle: a → b → a/, /a \(images\/a\/image\.yml\); b \(images\/b\/image\.yml\)/],
    ],
    [
      'an alias equal to a tag',
      { 'images/app/1/image.yml': 'version_scheme: numeric\ntags:\n  - name: "9.0"\n  - name: 9.0.1\n' },
      [/images\/app\/1\/image\.yml:\d+/, /9\.0/],
    ],
  ])('%s', async (_name, files, expected) => {
    const root = makeProject(minimal(files));
    const run = await cli(['generate'], { cwd: root });
    expect(run.code).toBe(2);
    for (const pattern of expected) expect(run.stderr).toMatch(pattern);
    expect(run.stderr).not.toMatch(/\n\s+at .*\.(ts|js):\d+/); // no stack trace
    expect(existsSync(path.join(root, 'dist'))).toBe(false);
  });

  it('reports the problems of every file together', async () => {
    const root = makeProject(
      minimal({
        'images/app/1/image.yml': 'tags:\n  - nmae: 1.0.0\n',
        'images/other/image.yml': 'tags: [{name: "1+x"}]\n',
        'images/other/Dockerfile': 'FROM x\n',
      }),
    );
    const run = await cli(['generate'], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/images\/app\/1\/image\.yml:2/);
    expect(run.stderr).toMatch(/images\/other\/image\.yml:1/);
    expect(run.stderr).toMatch(/3 problems found; nothing was written\./);
  });
});

/** Six tags and a variant of them: every tag merges the image and version levels, variant tags one more. */
const sharedLevels = (extra: Record<string, string> = {}) => ({
  'images/app/1/image.yml': [
    'tags:',
    ...['1.0.0', '1.1.0', '1.2.0', '1.3.0', '1.4.0', '1.5.0'].map((tag) => `  - name: ${tag}`),
    'variants:',
    '  - name: slim',
    '    tag_suffix: -slim',
    '',
  ].join('\n'),
  'images/app/1/Dockerfile.mustache': 'FROM busybox:1\nLABEL tag="{{tag}}"\n',
  'images/app/1/test.yml.mustache': 'schemaVersion: 2.0.0\nfileExistenceTests: []\n',
  'images/app/rootfs/etc/app/defaults.conf': 'image level\n',
  'images/app/1/rootfs/etc/app/defaults.conf': 'version level\n',
  'images/app/1/rootfs/usr/local/bin/entry': '#!/bin/sh\n',
  'images/app/1/slim/rootfs/etc/app/slim.conf': 'slim\n',
  ...extra,
});
const TAGS = ['1.0.0', '1.1.0', '1.2.0', '1.3.0', '1.4.0', '1.5.0'];
const ALL_TAGS = [...TAGS, ...TAGS.map((tag) => `${tag}-slim`)];

describe('generate with many tags sharing rootfs levels', () => {
  it('writes every tag completely, with normalised times, each shared file stored once', async () => {
    const root = makeProject(sharedLevels());
    const run = await cli(['generate'], { cwd: root, env: { SOURCE_DATE_EPOCH: '1700000000' } });
    expect(run.code).toBe(0);
    const tree = snapshotTree(path.join(root, 'dist/app'));
    for (const tag of ALL_TAGS) {
      const slim = tag.endsWith('-slim');
      expect(tree[`${tag}/Dockerfile`]).toBe(
        `file 0644\nFROM busybox:1\nCOPY --chown=0:0 rootfs/ /\nLABEL tag="${tag}"\n`,
      );
      expect(tree[`${tag}/rootfs/etc/app/defaults.conf`]).toBe('file 0644\nversion level\n');
      expect(tree[`${tag}/rootfs/usr/local/bin/`]).toBe('dir 0755');
      expect(tree[`${tag}/rootfs/etc/app/slim.conf`]).toBe(slim ? 'file 0644\nslim\n' : undefined);
      const rootfs = path.join(root, 'dist/app', tag, 'rootfs');
      for (const entry of ['', 'etc', 'etc/app', 'etc/app/defaults.conf', 'usr/local/bin/entry']) {
        expect([entry, lstatSync(path.join(rootfs, entry)).mtimeMs]).toEqual([entry, 1_700_000_000_000]);
      }
    }
    // One copy of each source file, linked into every tag; identical test.yml files are one file too.
    const inode = (file: string) => lstatSync(path.join(root, 'dist/app', file)).ino;
    expect(new Set(ALL_TAGS.map((tag) => inode(`${tag}/rootfs/etc/app/defaults.conf`))).size).toBe(1);
    expect(new Set(ALL_TAGS.map((tag) => inode(`${tag}/test.yml`))).size).toBe(1);
    expect(new Set(ALL_TAGS.map((tag) => inode(`${tag}/Dockerfile`))).size).toBe(ALL_TAGS.length);
  });

  it('says each warning once, in the same order on every run', async () => {
    const root = makeProject(
      sharedLevels({
        'images/app/rootfs/etc/ssl/server.key': 'k',
        'images/app/1/slim/rootfs/root/.netrc': 'n',
        'images/app/1/rootfs/etc/app/.env': 'e',
      }),
    );
    const warnings = async () =>
      (await cli(['generate'], { cwd: root })).stderr
        .split('\n')
        .filter((line) => line.includes('looks like a secret'));
    const first = await warnings();
    expect(first.map((line) => line.match(/rootfs file "([^"]+)"/)?.[1])).toEqual([
      'etc/app/.env',
      'etc/ssl/server.key',
      'root/.netrc',
    ]);
    expect(await warnings()).toEqual(first);
  });

  it('reports a clash that every tag shares once, and writes nothing', async () => {
    const root = makeProject(sharedLevels({ 'images/app/rootfs/usr': 'a file where the version level has a folder' }));
    const run = await cli(['generate'], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr.match(/"usr" is a directory in images\/app\/1\/rootfs but a regular file/g)).toHaveLength(1);
    expect(run.stderr).toMatch(/1 problem found; nothing was written\./);
    expect(existsSync(path.join(root, 'dist'))).toBe(false);
    expect(readdirSync(root).filter((name) => name.startsWith('.dist'))).toEqual([]);
  });

  it('writes the same modes whatever the umask', async () => {
    const normal = makeProject(sharedLevels());
    const restricted = makeProject(sharedLevels());
    expect((await cli(['generate'], { cwd: normal })).code).toBe(0);
    const previous = process.umask(0o077);
    try {
      expect((await cli(['generate'], { cwd: restricted })).code).toBe(0);
    } finally {
      process.umask(previous);
    }
    expect(snapshotTree(path.join(restricted, 'dist'))).toEqual(snapshotTree(path.join(normal, 'dist')));
  });
});
