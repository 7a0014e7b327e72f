import { selectTargets } from '../../../src/core/build-run/targets';
import { UsageError } from '../../../src/core/shared/errors';
import { planningCatalog } from './catalog-fixture';

const names = async (specs: string[]) =>
  selectTargets(await planningCatalog(), specs).map(({ image, tag }) => `${image.name}:${tag.resolved.name}`);

describe('selectTargets', () => {
  it.each([
    [[], ['base:1.0', 'base:2.0', 'app:2.0.0', 'app:2.1.0', 'app:2.0.0-extra', 'app:2.1.0-extra', 'tools:0.1.0']],
    [['app'], ['app:2.0.0', 'app:2.1.0', 'app:2.0.0-extra', 'app:2.1.0-extra']],
    [
      ['app:2.1.0-extra', 'base:2.0'],
      ['base:2.0', 'app:2.1.0-extra'],
    ],
    [['app:2', 'app:2.1.0'], ['app:2.1.0']],
    [['app:2.0-extra'], ['app:2.0.0-extra']],
    [
      ['base', 'base:1.0'],
      ['base:1.0', 'base:2.0'],
    ],
  ])('%j selects %j (build order, each once, aliases resolved)', async (specs, expected) => {
    expect(await names(specs)).toEqual(expected);
  });

  it.each([
    ['aps', /"aps" is not an image of this catalog \(did you mean "app"\?\)/],
    ['nothing', /"nothing" is not an image of this catalog \(images: base, app, tools\)/],
    ['app:2.0.1', /"app" has no tag or alias "2.0.1" \(did you mean "app:2.0.0"\?\)/],
    ['base:nightly', /"base" has no tag or alias "nightly" \(tags: 1.0, 2.0\)/],
  ])('rejects %s with a usage error', async (spec, message) => {
    const catalog = await planningCatalog();
    expect(() => selectTargets(catalog, [spec])).toThrow(UsageError);
    expect(() => selectTargets(catalog, [spec])).toThrow(message);
  });
});
