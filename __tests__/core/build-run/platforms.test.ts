import { selectPlatforms } from '../../../src/core/build-run/platforms';
import { UsageError } from '../../../src/core/shared/errors';

const config = { platforms: [{ name: 'linux/amd64' }, { name: 'linux/arm64' }], file: '.image-manager.yml' };

describe('selectPlatforms', () => {
  it.each([
    [[], ['linux/amd64', 'linux/arm64'], true],
    [['arm64'], ['linux/arm64'], false],
    [['linux/amd64'], ['linux/amd64'], false],
    [['aarch64', 'x86_64'], ['linux/amd64', 'linux/arm64'], false],
    [['arm64,amd64'], ['linux/amd64', 'linux/arm64'], false],
    [['arm64', 'linux/arm64'], ['linux/arm64'], false],
  ])('--platform %j → %j, merge %s', (requested, platforms, merge) => {
    expect(selectPlatforms(config, requested)).toEqual({ platforms, merge });
  });

  it.each([
    [
      's390x',
      /linux\/s390x is not one of the platforms configured in \.image-manager\.yml \(linux\/amd64, linux\/arm64\)/,
    ],
    ['amd46', /unknown platform "amd46" \(did you mean "amd64"\?\)/],
  ])('rejects --platform %s', (value, message) => {
    expect(() => selectPlatforms(config, [value])).toThrow(UsageError);
    expect(() => selectPlatforms(config, [value])).toThrow(message);
  });
});
