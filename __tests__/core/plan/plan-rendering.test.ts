/**
 * The plan as markdown and JSON: golden files for a few plans (regenerate with
 * `UPDATE_GOLDEN=1 npx jest __tests__/core/plan`), and the properties a reviewer relies on.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { comparePlan } from '../../../src/core/plan/compare-plan';
import { renderPlanJson } from '../../../src/core/plan/plan-json';
import { renderPlanMarkdown } from '../../../src/core/plan/plan-markdown';
import type { PublishPlan } from '../../../src/core/plan/plan-types';
import { AMD64, ARM64, built, digest, index, planInput, reused, tagInput } from './plan-fixtures';

const GOLDEN = path.join(__dirname, 'golden');

function checkGolden(name: string, actual: string): void {
  const file = path.join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(file, actual);
  }
  if (!existsSync(file)) throw new Error(`${file} is missing: run UPDATE_GOLDEN=1 npx jest ${__dirname}`);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

const BASE_INDEX = digest('1');
const APP_INDEX = digest('2');
const OLD_APP_INDEX = digest('3');

/** Nothing changed since the last release: every tag and alias stays. */
function unchangedPlan(): PublishPlan {
  return comparePlan(
    planInput([
      tagInput('base', '1.0', {
        units: [reused('base', '1.0', AMD64, digest('a')), reused('base', '1.0', ARM64, digest('b'))],
        release: index(BASE_INDEX, { [AMD64]: digest('a'), [ARM64]: digest('b') }),
        aliases: ['1'],
        aliasDigests: { '1': BASE_INDEX },
        tagsByDigest: { [BASE_INDEX]: ['1.0'] },
      }),
    ]),
  );
}

/** A changed Dockerfile in app, its variant rebuilt on it, a new image, aliases moving from an older tag. */
function changedPlan(): PublishPlan {
  return comparePlan(
    planInput([
      tagInput('base', '1.0', {
        units: [reused('base', '1.0', AMD64, digest('a')), reused('base', '1.0', ARM64, digest('b'))],
        release: index(BASE_INDEX, { [AMD64]: digest('a'), [ARM64]: digest('b') }),
      }),
      tagInput('app', '2.1.0', {
        units: [
          built('app', '2.1.0', AMD64, ['Dockerfile changed'], digest('c')),
          built('app', '2.1.0', ARM64, ['Dockerfile changed', 'labels changed'], digest('d')),
        ],
        release: index(APP_INDEX, { [AMD64]: digest('c'), [ARM64]: digest('d') }),
        aliases: ['2', '2.1', 'latest'],
        aliasDigests: { '2': OLD_APP_INDEX, '2.1': APP_INDEX, latest: null },
        tagsByDigest: { [APP_INDEX]: ['2.1.0'], [OLD_APP_INDEX]: ['2.0.0'] },
      }),
      tagInput('app', '2.1.0-extra', {
        units: [
          built('app', '2.1.0-extra', AMD64, ['base app:2.1.0 is rebuilt']),
          built('app', '2.1.0-extra', ARM64, ['base app:2.1.0 is rebuilt']),
        ],
        release: index(digest('4'), { [AMD64]: digest('e'), [ARM64]: digest('f') }),
      }),
      tagInput('tool', '0.1', {
        units: [
          built('tool', '0.1', AMD64, ['new: no image in the registry yet']),
          built('tool', '0.1', ARM64, ['the digest of weird|ref:1 cannot be found out (registry unreachable?)']),
        ],
      }),
    ]),
  );
}

function snapshotPlan(): PublishPlan {
  return comparePlan(
    planInput(
      [
        tagInput('base', '1.0', {
          units: [reused('base', '1.0', AMD64, digest('a'))],
          release: index(BASE_INDEX, { [AMD64]: digest('a'), [ARM64]: digest('b') }),
          aliases: ['1'],
          aliasDigests: { '1': BASE_INDEX },
          tagsByDigest: { [BASE_INDEX]: ['1.0'] },
        }),
      ],
      { snapshotId: 'pr-12', plannedPlatforms: [AMD64] },
    ),
  );
}

describe('renderPlanMarkdown', () => {
  it.each<[string, () => PublishPlan]>([
    ['unchanged.md', unchangedPlan],
    ['changed.md', changedPlan],
    ['snapshot-one-platform.md', snapshotPlan],
    ['empty.md', () => comparePlan(planInput([]))],
  ])('%s matches byte for byte', (file, plan) => {
    checkGolden(file, renderPlanMarkdown(plan()));
  });

  it('escapes values that would break a table cell', () => {
    const text = renderPlanMarkdown(changedPlan());
    expect(text).toContain('weird\\|ref:1');
    // Every row of a table has as many cells as its header: no escaped `|` splits a cell.
    for (const table of text.split('\n\n').filter((block) => block.startsWith('| '))) {
      const cells = table.split('\n').map((row) => row.replace(/\\\|/g, '').split('|').length);
      expect(new Set(cells).size).toBe(1);
    }
  });
});

describe('renderPlanJson', () => {
  it('is the documented contract, byte for byte', () => {
    checkGolden('changed.json', renderPlanJson(changedPlan()));
  });

  it('parses back to the same plan', () => {
    const plan = changedPlan();
    expect(JSON.parse(renderPlanJson(plan))).toEqual(plan);
  });
});
