import { DEFAULT_ACTION_PINS, parseActionPin } from '../../../src/core/pipeline/action-pins';
import { resolveCiSettings } from '../../../src/core/pipeline/ci-settings';
import { generatePipeline } from '../../../src/core/pipeline';
import { ConfigError } from '../../../src/core/shared/errors';
import { catalog, image, projectConfig } from './support/catalogs';

const SHA = '11bd71901bbe5b1630ceea73d27597364c9af683';

describe('resolveCiSettings', () => {
  it('fills in native runners, our actions and the CI image by default', () => {
    const settings = resolveCiSettings(projectConfig(), 'github');
    expect(settings.platforms).toEqual([
      { name: 'linux/amd64', key: 'linux-amd64', githubRunner: 'ubuntu-24.04', gitlabTags: ['saas-linux-small-amd64'] },
      {
        name: 'linux/arm64',
        key: 'linux-arm64',
        githubRunner: 'ubuntu-24.04-arm',
        gitlabTags: ['saas-linux-small-arm64'],
      },
    ]);
    expect([settings.actionsRepo, settings.actionsRef]).toEqual(['image-manager/image-manager', 'v1']);
    expect(settings.image).toBe('ghcr.io/image-manager/image-manager:1');
    expect(settings.pins).toEqual(DEFAULT_ACTION_PINS);
    expect(settings.distDir).toBe('dist');
  });

  it('takes runners, tags, actions ref, image, pins and dist dir from the config', () => {
    const config = projectConfig(
      {
        dist_dir: 'out/dist/',
        platforms: [{ name: 'linux/arm/v7', github_runner: 'self-hosted', gitlab_tags: ['armv7', 'big'] }],
      },
      { actions_ref: 'acme/im@0123abc', image: 'reg.example/im:2', pins: { 'acme/tool': `${SHA} # v2.0.0` } },
    );
    const settings = resolveCiSettings(config, 'gitlab');
    expect(settings.platforms).toEqual([
      { name: 'linux/arm/v7', key: 'linux-arm-v7', githubRunner: 'self-hosted', gitlabTags: ['armv7', 'big'] },
    ]);
    expect([settings.actionsRepo, settings.actionsRef, settings.image]).toEqual([
      'acme/im',
      '0123abc',
      'reg.example/im:2',
    ]);
    expect(settings.pins['acme/tool']).toEqual({ sha: SHA, version: 'v2.0.0' });
    expect(settings.pins['actions/checkout']).toEqual(DEFAULT_ACTION_PINS['actions/checkout']);
    expect(settings.distDir).toBe('out/dist');
  });

  it('reports every mistake at once, with the field, the file position and a hint', () => {
    const config = projectConfig(
      {
        file: '.image-manager.yml',
        locate: (path) => ({ file: '.image-manager.yml', line: path.length, column: 3 }),
        platforms: [{ name: 'linux/amd64' }, { name: 'linux/riscv64' }, { name: 'linux/amd64' }],
      },
      { actions_ref: 'not a ref', pins: { 'actions/checkout': 'v4' } },
    );
    let error: unknown;
    try {
      resolveCiSettings(config, 'github');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems.map((problem) => problem.field).sort()).toEqual([
      'ci.actions_ref',
      'ci.pins.actions/checkout',
      'platforms[1]',
      'platforms[2].name',
    ]);
    const riscv = problems.find((problem) => problem.field === 'platforms[1]');
    expect(riscv).toMatchObject({
      message: 'linux/riscv64 has no native GitHub runner',
      hint: 'set platforms[1].github_runner to the runs-on label of a linux/riscv64 runner',
      location: { file: '.image-manager.yml', line: 2, column: 3 },
    });
    expect((error as ConfigError).exitCode).toBe(2);
  });

  it.each([
    { provider: 'github' as const, message: 'linux/riscv64 has no native GitHub runner' },
    { provider: 'gitlab' as const, message: 'linux/riscv64 has no GitLab runner tags' },
  ])('refuses to emulate: a $provider platform without a native runner is a ConfigError', ({ provider, message }) => {
    const config = projectConfig({ platforms: [{ name: 'linux/riscv64' }] });
    expect(() => generatePipeline(catalog(image('base')), config, provider)).toThrow(message);
  });

  it('rejects an empty platform list and empty runner tags', () => {
    expect(() => resolveCiSettings(projectConfig({ platforms: [] }), 'github')).toThrow('no platforms to build');
    const noTags = projectConfig({ platforms: [{ name: 'linux/amd64', gitlab_tags: [] }] });
    expect(() => resolveCiSettings(noTags, 'gitlab')).toThrow('linux/amd64 has no GitLab runner tags');
  });
});

describe('parseActionPin', () => {
  it.each([
    [SHA, { sha: SHA }],
    [`${SHA} # v4.2.2`, { sha: SHA, version: 'v4.2.2' }],
    [`  ${SHA}#v4  `, { sha: SHA, version: 'v4' }],
    ['v4.2.2', undefined],
    [SHA.slice(0, 39), undefined],
    [SHA.toUpperCase(), undefined],
    [`${SHA}0`, undefined],
  ])('%j → %j', (value, expected) => {
    expect(parseActionPin(value)).toEqual(expected);
  });

  it('ships defaults that are full SHAs with a release comment', () => {
    for (const pin of Object.values(DEFAULT_ACTION_PINS)) {
      expect(pin.sha).toMatch(/^[0-9a-f]{40}$/);
      expect(pin.version).toMatch(/^v\d+\.\d+\.\d+$/);
    }
  });
});
