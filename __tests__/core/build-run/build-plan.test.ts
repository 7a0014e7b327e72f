import { planBuild } from '../../../src/core/build-run/build-plan';
import { selectTargets } from '../../../src/core/build-run/targets';
import { planningCatalog } from './catalog-fixture';

const PLATFORMS = ['linux/amd64', 'linux/arm64'];

async function dependencies(targets: string[], merge = true, platforms = PLATFORMS) {
  const catalog = await planningCatalog();
  const jobs = planBuild(selectTargets(catalog, targets), platforms, merge);
  return Object.fromEntries(jobs.map((job) => [job.id, [...job.dependsOn].sort()]));
}

describe('planBuild', () => {
  it('waits for the exact parent tag on the same platform, a variant for its own base tag', async () => {
    const deps = await dependencies([]);
    expect(deps['app:2.0.0 linux/arm64']).toEqual(['base:1.0 linux/arm64']);
    expect(deps['app:2.1.0 linux/amd64']).toEqual(['base:1.0 linux/amd64']);
    expect(deps['app:2.0.0-extra linux/arm64']).toEqual(['app:2.0.0 linux/arm64']);
    expect(deps['base:2.0 linux/amd64']).toEqual([]);
  });

  it('orders an image after every tag of the image it extends, per platform', async () => {
    const deps = await dependencies([]);
    expect(deps['tools:0.1.0 linux/amd64']).toEqual(['base:1.0 linux/amd64', 'base:2.0 linux/amd64']);
  });

  it('merges each tag after all of its platforms; nothing else waits for a merge', async () => {
    const deps = await dependencies([]);
    expect(deps['app:2.0.0 merge']).toEqual(['app:2.0.0 linux/amd64', 'app:2.0.0 linux/arm64']);
    const waitingForMerges = Object.entries(deps).filter(([, d]) => d.some((id) => id.endsWith(' merge')));
    expect(waitingForMerges).toEqual([]);
  });

  it('does not wait for bases outside the selection (their digests come from the registry)', async () => {
    const deps = await dependencies(['app:2.0.0-extra'], false, ['linux/arm64']);
    expect(deps).toEqual({ 'app:2.0.0-extra linux/arm64': [] });
  });

  it.each([
    [true, 21],
    [false, 14],
  ])('with merge=%s plans %i units for 7 tags on 2 platforms', async (merge, count) => {
    expect(Object.keys(await dependencies([], merge))).toHaveLength(count);
  });

  it('lists units in build order: parents before children, platforms in the configured order', async () => {
    const catalog = await planningCatalog();
    const ids = planBuild(selectTargets(catalog, []), PLATFORMS, false).map((j) => j.id);
    expect(ids.indexOf('base:1.0 linux/amd64')).toBeLessThan(ids.indexOf('app:2.0.0 linux/amd64'));
    expect(ids.indexOf('app:2.0.0 linux/amd64')).toBeLessThan(ids.indexOf('app:2.0.0 linux/arm64'));
    expect(ids.indexOf('app:2.0.0 linux/arm64')).toBeLessThan(ids.indexOf('app:2.0.0-extra linux/amd64'));
  });
});
