/**
 * Catalog and config fixtures for the pipeline tests: named shapes for the golden files and a seeded random DAG
 * generator for the property test (no dependency: a 32-bit mulberry PRNG).
 */
import type { PlatformConfig, ProjectConfig } from '../../../../src/core/config/types';
import type { CatalogImageSummary, CatalogSummary } from '../../../../src/core/model/catalog-summary';

export function image(name: string, dependsOn: string[] = [], variants: string[] = []): CatalogImageSummary {
  const tags = [
    {
      name: '1.0.0',
      variant: null,
      versions: {},
      variables: {},
      baseTag: null,
      dockerfile: `dist/${name}/1.0.0/Dockerfile`,
    },
    ...variants.map((variant) => ({
      name: `1.0.0-${variant}`,
      variant,
      versions: {},
      variables: {},
      baseTag: '1.0.0',
      dockerfile: `dist/${name}/1.0.0-${variant}/Dockerfile`,
    })),
  ];
  return { name, isBaseImage: dependsOn.length === 0, dependsOn, tags, aliases: { '1': '1.0.0' } };
}

export function catalog(...images: CatalogImageSummary[]): CatalogSummary {
  return { order: images.map((entry) => entry.name), images };
}

export const TWO_PLATFORMS: PlatformConfig[] = [{ name: 'linux/amd64' }, { name: 'linux/arm64' }];

export function projectConfig(
  overrides: Partial<ProjectConfig> = {},
  ci: Partial<ProjectConfig['ci']> = {},
): ProjectConfig {
  return {
    dist_dir: 'dist',
    images_dir: 'images',
    registries: [],
    cache: { type: 'none' },
    labels: {},
    platforms: TWO_PLATFORMS,
    ci: { pins: {}, artifacts: false, ...ci },
    upstream: {},
    ...overrides,
  };
}

/** The catalogs behind the golden files. */
export const GOLDEN_CASES: Array<{ name: string; catalog: CatalogSummary; config: ProjectConfig }> = [
  { name: 'single-image', catalog: catalog(image('base')), config: projectConfig() },
  {
    name: 'chain-with-variant',
    catalog: catalog(image('base'), image('python', ['base'], ['slim']), image('app', ['python'])),
    config: projectConfig(),
  },
  {
    // A diamond plus two leaves of `base` that share a matrix group.
    name: 'diamond',
    catalog: catalog(
      image('base'),
      image('node', ['base']),
      image('python', ['base']),
      image('fullstack', ['node', 'python']),
      image('curl', ['base']),
      image('tools/jq', ['base']),
    ),
    config: projectConfig(),
  },
  {
    name: 'single-platform',
    catalog: catalog(
      image('base'),
      image('node', ['base']),
      image('python', ['base']),
      image('go', ['base']),
      image('app', ['node']),
    ),
    config: projectConfig(
      { platforms: [{ name: 'linux/amd64', github_runner: 'ubuntu-22.04', gitlab_tags: ['docker', 'x64'] }] },
      {
        artifacts: true,
        image: 'registry.example.com/ci/image-manager:2',
        actions_ref: 'acme/image-manager@v2.1.0',
        pins: { 'actions/checkout': '11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2' },
      },
    ),
  },
];

/** Deterministic PRNG in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EXTRA_PLATFORM: PlatformConfig = {
  name: 'linux/arm/v7',
  // actionlint knows GitHub-hosted labels and `self-hosted`; custom labels would need an actionlint config.
  github_runner: 'self-hosted',
  gitlab_tags: ['armv7'],
};

/** A random catalog (1–14 images, up to 3 parents each) and platform set; names exercise slugging. */
export function randomCase(seed: number): { catalog: CatalogSummary; config: ProjectConfig } {
  const random = mulberry32(seed);
  const pick = (n: number): number => Math.floor(random() * n);
  const count = 1 + pick(14);
  const names: string[] = [];
  const images: CatalogImageSummary[] = [];
  for (let index = 0; index < count; index++) {
    const style = pick(6);
    const name =
      style === 0 ? `team/img${index}` : style === 1 ? `img.${index}` : style === 2 ? `img-${index}` : `img${index}`;
    const parents = new Set<string>();
    const wanted = names.length === 0 ? 0 : pick(Math.min(names.length, 3) + 1);
    while (parents.size < wanted) parents.add(names[pick(names.length)]);
    names.push(name);
    images.push(image(name, [...parents].sort()));
  }
  const platformSets: PlatformConfig[][] = [
    TWO_PLATFORMS,
    [{ name: 'linux/amd64' }],
    [{ name: 'linux/arm64' }],
    [...TWO_PLATFORMS, EXTRA_PLATFORM],
  ];
  return { catalog: catalog(...images), config: projectConfig({ platforms: platformSets[pick(platformSets.length)] }) };
}

/** Same catalog with images and parents listed in another order (output must not change). */
export function shuffled(summary: CatalogSummary, seed: number): CatalogSummary {
  const random = mulberry32(seed);
  const shuffle = <T>(items: T[]): T[] => {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy;
  };
  return {
    order: summary.order,
    images: shuffle(summary.images).map((entry) => ({ ...entry, dependsOn: shuffle(entry.dependsOn) })),
  };
}

/** Levels of the FROM graph, independent of the code under test. */
export function graphDepth(summary: CatalogSummary): { depth: number; level: Map<string, number> } {
  const parents = new Map(summary.images.map((entry) => [entry.name, entry.dependsOn]));
  const level = new Map<string, number>();
  const levelOf = (name: string): number => {
    if (!level.has(name)) level.set(name, 1 + Math.max(0, ...(parents.get(name) ?? []).map(levelOf)));
    return level.get(name) ?? 0;
  };
  const depth = Math.max(0, ...summary.images.map((entry) => levelOf(entry.name)));
  return { depth, level };
}
