import { deriveImageName, explainInvalidTag, isValidImageName, isValidTag } from '../../../src/core/model/image-names';

describe('deriveImageName (seed convention, PoC B18 fixed)', () => {
  it.each<[string, boolean, string | undefined]>([
    ['images/python/3', false, 'python'],
    ['images/dotnet/9.0', false, 'dotnet'],
    ['images/base/ubuntu', false, 'ubuntu'],
    ['images/base/ubuntu', true, 'ubuntu'],
    ['images/tools/base', false, 'tools'],
    ['images/tools/jq', true, 'jq'],
    ['images/foo', false, 'foo'],
    ['images/team/python/3.13', false, 'python'],
    ['images', false, undefined],
    ['elsewhere/x', false, undefined],
  ])('%s (base image: %s) → %s', (dir, isBase, expected) => {
    expect(deriveImageName(dir, 'images', isBase)).toBe(expected);
  });
});

describe('names', () => {
  it.each([
    ['python', true],
    ['team/python', true],
    ['my-image.v2', true],
    ['a__b', true],
    ['Python', false],
    ['-x', false],
    ['a//b', false],
    ['', false],
  ])('image name %j valid: %s', (name, valid) => {
    expect(isValidImageName(name)).toBe(valid);
  });

  it.each([
    ['3.13.7', true],
    ['2025.09', true],
    ['_x', true],
    ['latest-slim', true],
    ['1.2.3+build.5', false],
    ['.hidden', false],
    ['a'.repeat(129), false],
  ])('tag %j valid: %s', (tag, valid) => {
    expect(isValidTag(tag)).toBe(valid);
  });

  it.each([
    ['1.2.3+build.5', /"\+" is not allowed/],
    ['.x', /must start with/],
    ['', /cannot be empty/],
    ['a'.repeat(129), /at most 128/],
  ])('explains why %j is not a tag', (tag, reason) => {
    expect(explainInvalidTag(tag)).toMatch(reason);
  });
});
