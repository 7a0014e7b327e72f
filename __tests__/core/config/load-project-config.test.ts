import { copyFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadProjectConfig } from '../../../src/core/config/load-project-config';
import type { ProjectConfig } from '../../../src/core/config/types';
import { MemoryLogger } from '../../../src/core/shared/logger';
import { clearRegisteredSecrets, redact } from '../../../src/core/shared/redact';
import { configErrorLines, fixturePath, tempProjects } from './fixtures/temp-project';

const projects = tempProjects();
afterAll(() => projects.cleanup());
afterEach(() => clearRegisteredSecrets());

const FILE = '.image-manager.yml';
const load = (text: string, env: NodeJS.ProcessEnv = {}, logger = new MemoryLogger()) =>
  loadProjectConfig(projects.create({ [FILE]: text }), env, logger);
const plain = ({ locate: _locate, ...config }: ProjectConfig) => config;
const problemsOf = (text: string, env: NodeJS.ProcessEnv = {}) => configErrorLines(() => load(text, env));

const DEFAULT_PLATFORMS = [
  { name: 'linux/amd64', github_runner: 'ubuntu-24.04', gitlab_tags: ['saas-linux-small-amd64'] },
  { name: 'linux/arm64', github_runner: 'ubuntu-24.04-arm', gitlab_tags: ['saas-linux-small-arm64'] },
];
const DEFAULTS = {
  dist_dir: 'dist',
  images_dir: 'images',
  registries: [{ url: '127.0.0.1:5050', default: true, insecure: true }],
  cache: { type: 'none' },
  labels: {},
  platforms: DEFAULT_PLATFORMS,
  ci: { pins: {}, artifacts: false },
  upstream: {},
};

describe('loadProjectConfig: the file', () => {
  it('gives the defaults when the project has no config file', async () => {
    const config = await loadProjectConfig(projects.create({ 'images/.keep': '' }), {});
    expect(config).toEqual(DEFAULTS);
  });

  it.each([[''], ['# nothing configured yet\n']])('gives the defaults for an empty file %j', async (text) => {
    expect(plain(await load(text))).toEqual({ ...DEFAULTS, file: FILE });
  });

  it('reads .image-manager.yaml too', async () => {
    const root = projects.create({ '.image-manager.yaml': 'dist_dir: out\n' });
    expect(await loadProjectConfig(root, {})).toMatchObject({ dist_dir: 'out', file: '.image-manager.yaml' });
  });

  it('refuses to choose between .image-manager.yml and .image-manager.yaml', async () => {
    const root = projects.create({ '.image-manager.yml': '', '.image-manager.yaml': '' });
    expect(await configErrorLines(() => loadProjectConfig(root, {}))).toEqual([
      '.image-manager.yaml: both .image-manager.yml and .image-manager.yaml exist (keep one of them)',
    ]);
  });

  it('locates fields for later messages', async () => {
    const config = await load('labels:\n  vendor: Acme\nregistries:\n  - url: ghcr.io/acme\n');
    expect(config.locate?.(['registries', 0, 'url'])).toEqual({ file: FILE, line: 4, column: 5 });
    expect(config.locate?.(['registries', 3])).toEqual({ file: FILE, line: 3, column: 1 });
  });
});

describe('loadProjectConfig: proof-of-concept files load unchanged', () => {
  const loadFixture = (name: string, env: NodeJS.ProcessEnv, logger = new MemoryLogger()) => {
    const root = projects.create({});
    copyFileSync(fixturePath(name), path.join(root, FILE));
    return loadProjectConfig(root, env, logger);
  };

  it('the single-registry form, with its variables set', async () => {
    const env = {
      REGISTRY_URL: 'registry.example.com/acme',
      REGISTRY_USERNAME: 'ci-bot',
      REGISTRY_PASSWORD: 'hunter2-secret',
      S3_ENDPOINT: 'http://localhost:3900',
      S3_ACCESS_KEY: 'AKIAEXAMPLE',
      S3_SECRET_KEY: 'wJalrXUtnFEMI-secret',
    };
    expect(plain(await loadFixture('poc-legacy.image-manager.yml', env))).toEqual({
      ...DEFAULTS,
      registries: [
        {
          url: 'registry.example.com/acme',
          username: 'ci-bot',
          password: 'hunter2-secret',
          default: true,
          insecure: false,
        },
      ],
      cache: {
        type: 's3',
        endpoint: 'http://localhost:3900',
        bucket: 'buildkit-cache',
        region: 'garage',
        access_key: 'AKIAEXAMPLE',
        secret_key: 'wJalrXUtnFEMI-secret',
        use_path_style: true,
      },
      labels: {
        vendor: 'Acme Corp',
        authors: 'Jane Doe <jane@example.com>',
        url: 'https://images.example.com/%image%/%tag%/',
        documentation: 'https://github.com/acme/images/tree/main/images/%image%',
        licenses: 'GPL-3.0-only',
      },
      ci: {
        pins: {},
        artifacts: true,
        output: '.gitlab/ci/images.yml',
        image: 'registry.example.com/ci/image-manager:latest',
      },
      file: FILE,
    });
    // Loaded credentials are redacted from every later log line.
    expect(redact('login with hunter2-secret and wJalrXUtnFEMI-secret')).toBe('login with *** and ***');
  });

  it('the single-registry form without its variables: local registry, no credentials, debug lines only', async () => {
    const logger = new MemoryLogger();
    const config = await loadFixture('poc-legacy.image-manager.yml', {}, logger);
    expect(config.registries).toEqual([{ url: '127.0.0.1:5050', default: true, insecure: true }]);
    expect(config.cache).toEqual({ type: 's3', bucket: 'buildkit-cache', region: 'garage', use_path_style: true });
    expect(logger.messages('warn')).toEqual([]);
    expect(logger.messages('debug')).toEqual([
      '.image-manager.yml:3:3: registry.url: ${REGISTRY_URL} not set; the local registry 127.0.0.1:5050 is used',
      '.image-manager.yml:4:3: registry.username: ${REGISTRY_USERNAME} not set; no credentials for this registry',
      '.image-manager.yml:5:3: registry.password: ${REGISTRY_PASSWORD} not set; no credentials for this registry',
      '.image-manager.yml:11:3: cache.access_key: ${S3_ACCESS_KEY} not set; the builder uses its own credentials',
      '.image-manager.yml:12:3: cache.secret_key: ${S3_SECRET_KEY} not set; the builder uses its own credentials',
      '.image-manager.yml:8:3: cache.endpoint: ${S3_ENDPOINT} not set; the AWS endpoint is used',
    ]);
  });

  it('the multi-registry form: push to the default one, drop the ones whose url is unset', async () => {
    const env = { GITHUB_ACTOR: 'octocat', GITHUB_TOKEN: 'ghs_token_value' };
    expect(plain(await loadFixture('poc-registries.image-manager.yml', env))).toEqual({
      ...DEFAULTS,
      registries: [
        { url: 'docker.io/acme', default: false, insecure: false },
        { url: 'ghcr.io/acme', username: 'octocat', password: 'ghs_token_value', default: true, insecure: false },
        { url: 'localhost:5050', default: false, insecure: true },
      ],
      cache: { type: 'none' },
      ci: { pins: {}, artifacts: false, template: '.github/ci-templates', output: '.github/workflows/images.yml' },
      file: FILE,
    });
  });
});

describe('loadProjectConfig: registries', () => {
  it.each([
    ['the first when none is the default', '[{url: a.io}, {url: b.io}]', 'a.io'],
    ['the one marked default', '[{url: a.io}, {url: b.io, default: true}]', 'b.io'],
    [
      'the first of several marked default',
      '[{url: a.io}, {url: b.io, default: true}, {url: c.io, default: true}]',
      'b.io',
    ],
  ])('pushes to %s', async (_name, list, push) => {
    const { registries } = await load(`registries: ${list}\n`);
    expect(registries.filter((r) => r.default).map((r) => r.url)).toEqual([push]);
  });

  it('prefers registries over the legacy registry', async () => {
    const config = await load('registry: {url: old.io}\nregistries: [{url: new.io}]\n');
    expect(config.registries.map((r) => r.url)).toEqual(['new.io']);
  });

  it('falls back to the legacy registry when every registries url is unset', async () => {
    const config = await load('registry: {url: old.io}\nregistries: [{url: "${NEW}"}]\n');
    expect(config.registries).toEqual([{ url: 'old.io', default: true, insecure: false }]);
  });

  it.each([
    ['https://ghcr.io/acme/', undefined, 'ghcr.io/acme', false],
    ['ghcr.io', undefined, 'ghcr.io', false],
    ['http://registry.internal:5000', undefined, 'registry.internal:5000', true],
    ['localhost:5000', undefined, 'localhost:5000', true],
    ['127.1.2.3:5000/mirror', undefined, '127.1.2.3:5000/mirror', true],
    ["'[::1]:5000'", undefined, '[::1]:5000', true],
    ['10.0.0.5:5000', undefined, '10.0.0.5:5000', false],
    ['192.168.1.10', undefined, '192.168.1.10', false],
    ['localhost:5000', false, 'localhost:5000', false],
    ['registry.internal', true, 'registry.internal', true],
  ])('url %s (insecure: %s) → %s, insecure %s', async (url, insecure, expectedUrl, expectedInsecure) => {
    const flag = insecure === undefined ? '' : `\n    insecure: ${insecure}`;
    const { registries } = await load(`registries:\n  - url: ${url}${flag}\n`);
    expect(registries).toEqual([{ url: expectedUrl, default: true, insecure: expectedInsecure }]);
  });

  it.each([
    [
      'ghcr.io/acme/app:1.0',
      '.image-manager.yml:2:10: registries[0].url: `ghcr.io/acme/app:1.0`: a registry url names a registry or a path in it, not an image with a tag or digest (use `ghcr.io/acme/app`)',
    ],
    [
      'ghcr.io/acme@sha256:abc',
      '.image-manager.yml:2:10: registries[0].url: `ghcr.io/acme@sha256:abc`: a registry url names a registry or a path in it, not an image with a tag or digest (use `ghcr.io/acme`)',
    ],
    [
      'ghcr.io/Acme',
      '.image-manager.yml:2:10: registries[0].url: registry path: `Acme`: image names must be lowercase (use `acme`)',
    ],
    [
      'https://bot:s3cr3tpass@ghcr.io/acme',
      '.image-manager.yml:2:10: registries[0].url: a registry url must not contain credentials (use `username` and `password` (with `${VAR}`))',
    ],
    [
      '-bad-/x',
      '.image-manager.yml:2:10: registries[0].url: `-bad-/x` does not start with a host name (write `host[:port][/path]`, e.g. `ghcr.io/acme`)',
    ],
  ])('rejects the url %s', async (url, expected) => {
    expect(await problemsOf(`registries:\n  - url: ${url}\n`)).toEqual([expected]);
  });

  it('checks a url after expanding it', async () => {
    expect(await problemsOf('registry:\n  url: ${URL}\n', { URL: 'ghcr.io/acme:latest' })).toHaveLength(1);
  });

  it.each([
    ['both set', { U: 'bot', P: 'pw-value' }, { username: 'bot', password: 'pw-value' }],
    ['the password unset', { U: 'bot' }, {}],
    ['the user unset', { P: 'pw-value' }, {}],
    ['empty strings (still set)', { U: '', P: '' }, { username: '', password: '' }],
  ])('credentials with %s', async (_name, env, expected) => {
    const { registries } = await load('registries:\n  - url: ghcr.io\n    username: ${U}\n    password: ${P}\n', env);
    expect(registries).toEqual([{ url: 'ghcr.io', default: true, insecure: false, ...expected }]);
  });

  it('never shows a password, not even in an error about it', async () => {
    const lines = await problemsOf(
      'registries:\n  - url: ghcr.io\n    password: [hunter2-in-a-list]\n    default: yes\n',
    );
    expect(lines).toEqual([
      '.image-manager.yml:3:15: registries[0].password: must be text, not a list',
      '.image-manager.yml:4:14: registries[0].default: must be `true` or `false`, not the text `yes` (YAML 1.2 reads `yes` as text: write `true`)',
    ]);
    const malformed = await problemsOf('registry:\n  password: "${PW:oops-hunter2}"\n');
    expect(malformed).toEqual([
      '.image-manager.yml:2:13: registry.password: has a malformed `${…}` reference (write `${NAME}` or `${NAME:-default}`)',
    ]);
  });
});

describe('loadProjectConfig: cache', () => {
  it.each([
    ['absent', '', { type: 'none' }],
    ['false', 'cache: false', { type: 'none' }],
    ['true (no built-in development store)', 'cache: true', { type: 'none' }],
    ['empty', 'cache:', { type: 'none' }],
    ['type none', 'cache: {type: none}', { type: 'none' }],
    ['type gha', 'cache: {type: gha}', { type: 'gha' }],
    ['type registry', 'cache: {type: registry}', { type: 'registry' }],
    [
      'type registry with ref',
      'cache: {type: registry, ref: "${R:-ghcr.io/acme/cache}"}',
      { type: 'registry', ref: 'ghcr.io/acme/cache' },
    ],
    [
      'a mapping without type (the S3 form)',
      'cache: {bucket: b}',
      { type: 's3', bucket: 'b', region: 'us-east-1', use_path_style: true },
    ],
    [
      'type s3 with everything',
      'cache: {type: s3, endpoint: "https://s3.example.com", bucket: b, region: eu-west-1, access_key: k, secret_key: s, use_path_style: false}',
      {
        type: 's3',
        endpoint: 'https://s3.example.com',
        bucket: 'b',
        region: 'eu-west-1',
        access_key: 'k',
        secret_key: 's',
        use_path_style: false,
      },
    ],
    ['an S3 bucket from an unset variable', 'cache: {bucket: "${BUCKET}"}', { type: 'none' }],
  ])('%s', async (_name, text, expected) => {
    expect((await load(`${text}\n`)).cache).toEqual(expected);
  });

  it.each([
    [
      'an S3 cache without a bucket',
      'cache:\n  endpoint: http://minio:9000\n',
      ['.image-manager.yml:1:1: cache: an S3 cache needs `bucket` (add `bucket:`, or write `cache: false`)'],
    ],
    [
      'keys of another cache type',
      'cache:\n  type: gha\n  bucket: b\n',
      [
        '.image-manager.yml:3:3: cache.bucket: `bucket` is not used by a gha cache (remove it, or set the cache `type` it belongs to)',
      ],
    ],
    [
      'an unknown cache type',
      'cache:\n  type: s4\n',
      [
        '.image-manager.yml:2:9: cache.type: must be one of `none`, `registry`, `s3`, `gha`, not `s4` (did you mean `s3`?)',
      ],
    ],
    [
      'a cache written as text',
      'cache: s3\n',
      [
        '.image-manager.yml:1:8: cache: must be `true` or `false` or a mapping or empty, not the text `s3` (write `true` or `false`)',
      ],
    ],
  ])('rejects %s', async (_name, text, expected) => {
    expect(await problemsOf(text)).toEqual(expected);
  });
});

describe('loadProjectConfig: platforms', () => {
  it.each([
    ['short names', 'platforms: [amd64, arm64]', DEFAULT_PLATFORMS],
    ['one platform', 'platforms: [linux/arm64]', [DEFAULT_PLATFORMS[1]]],
    ['a platform without known runners', 'platforms: [linux/riscv64]', [{ name: 'linux/riscv64' }]],
    [
      'runners given per platform',
      'platforms:\n  - name: amd64\n    github_runner: self-hosted-x64\n  - name: linux/arm/v7\n    gitlab_tags: [pi]\n',
      [
        { name: 'linux/amd64', github_runner: 'self-hosted-x64', gitlab_tags: ['saas-linux-small-amd64'] },
        { name: 'linux/arm/v7', gitlab_tags: ['pi'] },
      ],
    ],
  ])('%s', async (_name, text, expected) => {
    expect((await load(`${text}\n`)).platforms).toEqual(expected);
  });

  it.each([
    [
      'a platform listed twice under two spellings',
      'platforms:\n  - amd64\n  - linux/amd64\n',
      [
        '.image-manager.yml:3:5: platforms[1]: platform `linux/amd64` is listed twice (lines 2 and 3) (remove one of them)',
      ],
    ],
    [
      'no platform',
      'platforms: []\n',
      [
        '.image-manager.yml:1:1: platforms: lists no platform (list at least one, e.g. `- linux/amd64`, or remove `platforms` to build linux/amd64 and linux/arm64)',
      ],
    ],
    [
      'a platform in capitals',
      'platforms: [Linux/AMD64]\n',
      ['.image-manager.yml:1:13: platforms[0]: `Linux/AMD64` is not a platform (did you mean `linux/amd64`?)'],
    ],
    [
      'an unknown key in a platform',
      'platforms:\n  - name: amd64\n    runner: big\n',
      [
        '.image-manager.yml:3:5: platforms[0].runner: unknown key `runner` (allowed here: name, github_runner, gitlab_tags)',
      ],
    ],
  ])('rejects %s', async (_name, text, expected) => {
    expect(await problemsOf(text)).toEqual(expected);
  });
});

describe('loadProjectConfig: the other settings', () => {
  it('reads ci, builder, upstream and directories, expanding variables in text values', async () => {
    const text = [
      'dist_dir: ${OUT:-build/dist}',
      'images_dir: catalog',
      'builder: buildah',
      'ci:',
      '  provider: github',
      '  actions_ref: acme/image-manager@v1',
      '  pins:',
      '    actions/checkout: 11bd71901bbe5b1630ceea73d27597364c9af683',
      '    actions/setup-node: "49933ea5288caeca8642d1e84afbd3f7d6820020 # v4.4.0"',
      'upstream:',
      '  debian:bookworm-slim: ${MIRROR}/library/debian:bookworm-slim',
      '  alpine:3.20: ${UNSET_MIRROR}/library/alpine:3.20',
    ].join('\n');
    const config = await load(text, { MIRROR: '127.0.0.1:5050' });
    expect(config).toMatchObject({
      dist_dir: 'build/dist',
      images_dir: 'catalog',
      builder: 'buildah',
      ci: {
        provider: 'github',
        actions_ref: 'acme/image-manager@v1',
        pins: {
          'actions/checkout': '11bd71901bbe5b1630ceea73d27597364c9af683',
          'actions/setup-node': '49933ea5288caeca8642d1e84afbd3f7d6820020 # v4.4.0',
        },
        artifacts: false,
      },
      upstream: { 'debian:bookworm-slim': '127.0.0.1:5050/library/debian:bookworm-slim' },
    });
  });

  it('keeps `$VAR` without braces and never expands keys', async () => {
    const config = await load('labels:\n  vendor: $VENDOR\nupstream:\n  ${KEY}: x\n', { VENDOR: 'v', KEY: 'k' });
    expect(config.labels).toEqual({ vendor: '$VENDOR' });
    expect(config.upstream).toEqual({ '${KEY}': 'x' });
  });

  it.each([
    [
      'an unknown top-level key',
      'registy:\n  url: ghcr.io\n',
      ['.image-manager.yml:1:1: registy: unknown key `registy` (did you mean `registry`?)'],
    ],
    [
      'an unknown builder',
      'builder: kaniko\n',
      ['.image-manager.yml:1:10: builder: must be one of `buildah`, `docker`, `buildctl`, not `kaniko`'],
    ],
    [
      'a misspelt provider',
      'ci:\n  provider: gitlb\n',
      ['.image-manager.yml:2:13: ci.provider: must be one of `github`, `gitlab`, not `gitlb` (did you mean `gitlab`?)'],
    ],
    [
      'a pin that is not a commit SHA',
      'ci:\n  pins:\n    actions/checkout: v4\n',
      [
        '.image-manager.yml:3:23: ci.pins["actions/checkout"]: `v4` is not a commit SHA (pin the action to the full 40-character lowercase commit SHA of a release, e.g. `"<sha> # v1.2.3"`)',
      ],
    ],
    [
      'a dist_dir that is the project',
      'dist_dir: .\n',
      [
        '.image-manager.yml:1:1: dist_dir: `.` contains the project or its images, and generated output replaces what is there (use a directory of its own, e.g. `dist`)',
      ],
    ],
    [
      'a dist_dir that contains the images',
      'images_dir: src/images\ndist_dir: src\n',
      [
        '.image-manager.yml:2:1: dist_dir: `src` contains the project or its images, and generated output replaces what is there (use a directory of its own, e.g. `dist`)',
      ],
    ],
    [
      'an empty dist_dir',
      'dist_dir: ""\n',
      ['.image-manager.yml:1:11: dist_dir: must not be empty (write a value or remove the key)'],
    ],
    [
      'a malformed variable reference',
      'labels:\n  vendor: ${VENDOR\n',
      [
        '.image-manager.yml:2:11: labels.vendor: `${VENDOR` is not a variable reference (write `${NAME}` or `${NAME:-default}`)',
      ],
    ],
    [
      'a boolean where text is expected',
      'labels:\n  vendor: yes\n  licenses: true\n',
      [".image-manager.yml:3:13: labels.licenses: must be text, not `true` (quote it if you mean the text: 'true')"],
    ],
  ])('rejects %s', async (_name, text, expected) => {
    expect(await problemsOf(text)).toEqual(expected);
  });

  it('accepts a dist_dir outside the project', async () => {
    expect((await load('dist_dir: ../out\n')).dist_dir).toBe('../out');
  });
});

describe('IMAGE_MANAGER_REGISTRY (the push registry from the environment, for CI templates)', () => {
  it.each<[string, string, Array<{ url: string; default: boolean; insecure: boolean }>]>([
    [
      'no config: the variable is the push registry',
      '',
      [{ url: 'registry.gitlab.com/group/project', default: true, insecure: false }],
    ],
    [
      'a configured registry keeps its entry and becomes the push registry',
      'registries:\n  - url: ghcr.io/acme\n  - url: registry.gitlab.com/group/project\n',
      [
        { url: 'ghcr.io/acme', default: false, insecure: false },
        { url: 'registry.gitlab.com/group/project', default: true, insecure: false },
      ],
    ],
    [
      'another registry is added as the push registry',
      'registries:\n  - url: ghcr.io/acme\n',
      [
        { url: 'ghcr.io/acme', default: false, insecure: false },
        { url: 'registry.gitlab.com/group/project', default: true, insecure: false },
      ],
    ],
  ])('%s', async (_name, text, expected) => {
    const config = await load(text, { IMAGE_MANAGER_REGISTRY: 'registry.gitlab.com/group/project' });
    expect(config.registries.map(({ url, default: d, insecure }) => ({ url, default: d, insecure }))).toEqual(expected);
  });

  it('rejects a value that is not a registry url', async () => {
    const lines = await problemsOf('', { IMAGE_MANAGER_REGISTRY: 'Registry.example.com/Upper' });
    expect(lines.join('\n')).toMatch(/IMAGE_MANAGER_REGISTRY is not a registry url/);
  });
});
