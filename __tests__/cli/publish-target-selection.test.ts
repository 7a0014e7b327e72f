import { selectTargets } from '../../src/cli/commands/target-selection';
import type { Catalog } from '../../src/core/generate/catalog';
import { loadCatalog } from '../../src/core/generate/load-catalog';
import { UsageError } from '../../src/core/shared/errors';
import { silentLogger } from '../../src/core/shared/logger';
import { makeProject } from '../support/project-fixture';

let catalog: Catalog;
beforeAll(async () => {
  const root = makeProject({
    'images/base/image.yml': 'tags:\n  - name: "2026.11"\n',
    'images/base/Dockerfile': 'FROM busybox:1\n',
    'images/app/1/image.yml':
      'tags:\n  - name: 1.0.0\n  - name: 1.1.0\nvariants:\n  - name: slim\n    tag_suffix: -slim\n',
    'images/app/1/Dockerfile': 'FROM base\n',
  });
  catalog = await loadCatalog({ root, env: {}, logger: silentLogger });
});

const names = (args: string[]) => selectTargets(catalog, args).map((t) => `${t.image}:${t.tag}`);

describe('selectTargets', () => {
  it.each([
    [
      'no argument: every tag in build order',
      [],
      ['base:2026.11', 'app:1.0.0', 'app:1.1.0', 'app:1.0.0-slim', 'app:1.1.0-slim'],
    ],
    ['an image: all its tags', ['app'], ['app:1.0.0', 'app:1.1.0', 'app:1.0.0-slim', 'app:1.1.0-slim']],
    ['a tag', ['app:1.1.0-slim'], ['app:1.1.0-slim']],
    ['an alias: its target', ['app:1-slim'], ['app:1.1.0-slim']],
    ['each once, in build order', ['app:1.1.0', 'base', 'app:1'], ['base:2026.11', 'app:1.1.0']],
  ])('%s', (_name, args, expected) => {
    expect(names(args)).toEqual(expected);
  });

  it.each([
    [['ap:1.0.0'], /"ap" is not an image of this catalog \(did you mean "app"\?\)/],
    [['app:1.0.1'], /"app" has no tag or alias "1.0.1" \(did you mean "app:1.0.0"\?\)/],
    [['zzz'], /"zzz" is not an image of this catalog \(images: base, app\)/],
    [['app:1.0.1', 'bse'], /"app" has no tag or alias "1.0.1".*; "bse" is not an image .*did you mean "base"/],
  ])('rejects %j with a suggestion', (args, message) => {
    expect(() => selectTargets(catalog, args)).toThrow(UsageError);
    expect(() => selectTargets(catalog, args)).toThrow(message);
  });
});
