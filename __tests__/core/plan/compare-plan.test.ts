/**
 * The comparison of build decisions with the registry's state: when a release tag is created, moved or left, and
 * what its aliases do. Table-driven: one row per situation a pipeline meets.
 */
import { comparePlan, type ReleaseIndex } from '../../../src/core/plan/compare-plan';
import type { AffectedUnit } from '../../../src/core/build-run/affected-units';
import { AMD64, ARM64, built, digest, index, planInput, reused, tagInput } from './plan-fixtures';

const A = digest('a');
const B = digest('b');
const C = digest('c');
const INDEX = digest('1');
const OTHER_INDEX = digest('2');

describe('comparePlan: the release tag', () => {
  it.each<[string, 'create' | 'move' | 'leave', string, AffectedUnit[], ReleaseIndex | null, string[]]>([
    [
      'absent tag, built',
      'create',
      'not in the registry yet',
      [built('app', '1.0', AMD64, ['new: no image in the registry yet'])],
      null,
      [AMD64],
    ],
    [
      'absent tag, every platform reused',
      'create',
      'not in the registry yet',
      [reused('app', '1.0', AMD64, A)],
      null,
      [AMD64],
    ],
    [
      'every platform reused, index lists exactly them',
      'leave',
      'nothing rebuilt, same platform images',
      [reused('app', '1.0', AMD64, A), reused('app', '1.0', ARM64, B)],
      index(INDEX, { [AMD64]: A, [ARM64]: B }),
      [AMD64, ARM64],
    ],
    [
      'one platform rebuilt',
      'move',
      'linux/arm64 rebuilt',
      [reused('app', '1.0', AMD64, A), built('app', '1.0', ARM64, ['Dockerfile changed'], B)],
      index(INDEX, { [AMD64]: A, [ARM64]: B }),
      [AMD64, ARM64],
    ],
    [
      'reused, but the index lists another image for a platform',
      'move',
      'the index lists other images for linux/arm64',
      [reused('app', '1.0', AMD64, A), reused('app', '1.0', ARM64, C)],
      index(INDEX, { [AMD64]: A, [ARM64]: B }),
      [AMD64, ARM64],
    ],
    [
      'reused, but the index lacks a platform',
      'move',
      'the index lacks linux/arm64',
      [reused('app', '1.0', AMD64, A), reused('app', '1.0', ARM64, B)],
      index(INDEX, { [AMD64]: A }),
      [AMD64, ARM64],
    ],
    [
      'reused, but the index has an entry for an undeclared platform',
      'move',
      'the index lists platforms that are not declared',
      [reused('app', '1.0', AMD64, A), reused('app', '1.0', ARM64, B)],
      index(INDEX, { [AMD64]: A, [ARM64]: B }, 1),
      [AMD64, ARM64],
    ],
    [
      'a single-platform image under the release tag',
      'move',
      'a single-platform image is there now',
      [reused('app', '1.0', AMD64, A)],
      { digest: A, kind: 'image', platforms: {}, undeclaredEntries: 0 },
      [AMD64],
    ],
    [
      'only amd64 planned: arm64 counts as the index has it',
      'leave',
      'nothing rebuilt, same platform images',
      [reused('app', '1.0', AMD64, A)],
      index(INDEX, { [AMD64]: A, [ARM64]: B }),
      [AMD64],
    ],
    [
      'only amd64 planned, the index lacks arm64',
      'move',
      'the index lacks linux/arm64',
      [reused('app', '1.0', AMD64, A)],
      index(INDEX, { [AMD64]: A }),
      [AMD64],
    ],
  ])('%s → %s (%s)', (_name, action, reason, units, release, planned) => {
    const plan = comparePlan(planInput([tagInput('app', '1.0', { units, release })], { plannedPlatforms: planned }));
    const [tag] = plan.tags;
    expect(tag.action).toBe(action);
    expect(tag.reason).toBe(reason);
    expect(tag.digest).toBe(release?.digest ?? null);
    expect(tag.newDigest).toBe(action === 'leave' ? release?.digest : null);
    expect(tag.ref).toBe('registry.example/acme/app:1.0');
  });

  it('reports each platform with its reasons, input digest, reused image and the index entry it replaces', () => {
    const plan = comparePlan(
      planInput([
        tagInput('app', '1.0', {
          units: [reused('app', '1.0', AMD64, A), built('app', '1.0', ARM64, ['base x changed'], C)],
          release: index(INDEX, { [AMD64]: A, [ARM64]: B }),
        }),
      ]),
    );
    expect(plan.tags[0].platforms).toEqual([
      {
        platform: AMD64,
        action: 'reuse',
        reasons: [],
        inputDigest: digest('9'),
        existing: { ref: 'registry.example/acme/app:1.0-linux-amd64', digest: A },
        releaseDigest: A,
      },
      {
        platform: ARM64,
        action: 'build',
        reasons: ['base x changed'],
        inputDigest: digest('8'),
        existing: { ref: 'registry.example/acme/app:1.0-linux-arm64', digest: C },
        releaseDigest: B,
      },
    ]);
  });

  it('has no input digest for a unit waiting on a rebuilt base', () => {
    const plan = comparePlan(
      planInput([tagInput('app', '1.0', { units: [built('app', '1.0', AMD64, ['base base:1 is rebuilt'])] })]),
    );
    expect(plan.tags[0].platforms[0]).toMatchObject({ inputDigest: null, existing: null, releaseDigest: null });
  });
});

describe('comparePlan: aliases', () => {
  const left = { units: [reused('app', '1.1', AMD64, A)], release: index(INDEX, { [AMD64]: A }) };
  const moved = { units: [built('app', '1.1', AMD64, ['rootfs changed'], A)], release: index(INDEX, { [AMD64]: A }) };

  it.each<[string, 'create' | 'move' | 'leave', object, string | null, string | null, string[]]>([
    ['absent alias', 'create', left, null, INDEX, []],
    ['alias already at the tag, tag left', 'leave', left, INDEX, INDEX, ['1.1']],
    ['alias at an older tag, tag left', 'move', left, OTHER_INDEX, INDEX, ['1.0']],
    ['alias at the tag, tag moves', 'move', moved, INDEX, null, ['1.1']],
    ['absent alias, tag moves', 'create', moved, null, null, []],
    ['alias at a digest no tag has', 'move', left, C, INDEX, []],
  ])('%s → %s', (_name, action, fields, aliasDigest, newDigest, digestTags) => {
    const plan = comparePlan(
      planInput(
        [
          tagInput('app', '1.1', {
            ...fields,
            aliases: ['1', 'latest'],
            aliasDigests: { '1': aliasDigest, latest: INDEX },
            tagsByDigest: { [INDEX]: ['1.1'], [OTHER_INDEX]: ['1.0'] },
          }),
        ],
        { plannedPlatforms: [AMD64], declaredPlatforms: [AMD64] },
      ),
    );
    const alias = plan.tags[0].aliases[0];
    expect(alias).toEqual({
      alias: '1',
      ref: 'registry.example/acme/app:1',
      action,
      digest: aliasDigest,
      digestTags,
      target: '1.1',
      newDigest,
    });
  });
});

describe('comparePlan: the whole plan', () => {
  it('counts platform images, tags and aliases by action', () => {
    const plan = comparePlan(
      planInput(
        [
          tagInput('base', '1', {
            units: [reused('base', '1', AMD64, A)],
            release: index(INDEX, { [AMD64]: A }),
            aliases: ['latest'],
            aliasDigests: { latest: INDEX },
          }),
          tagInput('app', '2', {
            units: [built('app', '2', AMD64, ['new: no image in the registry yet'])],
            aliases: ['latest'],
            aliasDigests: { latest: null },
          }),
        ],
        { plannedPlatforms: [AMD64], declaredPlatforms: [AMD64] },
      ),
    );
    expect(plan.summary).toEqual({
      build: 1,
      reuse: 1,
      tags: { create: 1, move: 0, leave: 1 },
      aliases: { create: 1, move: 0, leave: 1 },
    });
    expect(plan).toMatchObject({ planVersion: 1, snapshotId: null, platforms: [AMD64], unplannedPlatforms: [] });
    expect(plan.tags.map((t) => t.snapshot)).toEqual([null, null]);
  });

  it('names the snapshot tags a run writes first', () => {
    const plan = comparePlan(
      planInput(
        [tagInput('app', '2.0', { units: [built('app', '2.0', AMD64, ['Dockerfile changed'])], aliases: ['2'] })],
        { snapshotId: 'mr-7', plannedPlatforms: [AMD64] },
      ),
    );
    expect(plan.snapshotId).toBe('mr-7');
    expect(plan.unplannedPlatforms).toEqual([ARM64]);
    expect(plan.tags[0].snapshot).toEqual({
      tag: '2.0-mr-7',
      platformTags: ['2.0-mr-7-linux-amd64'],
      aliases: ['2-mr-7'],
    });
    // The release side is what promotion will do.
    expect(plan.tags[0].ref).toBe('registry.example/acme/app:2.0');
  });
});
