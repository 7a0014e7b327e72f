import {
  canonicalParts,
  INPUT_LABEL,
  inputDigest,
  inputLabels,
  inputLabelsDigest,
  readInputLabels,
  UNKNOWN_DIGEST,
  type InputParts,
} from '../../../src/core/incremental/input-parts';
import { rebuildReasons } from '../../../src/core/incremental/rebuild-reasons';

const D = (c: string) => `sha256:${c.repeat(64)}`;
const PARTS: InputParts = {
  v: 1,
  dockerfile: D('1'),
  context: D('2'),
  labels: D('3'),
  platform: 'linux/amd64',
  builder: 'buildah',
  bases: { 'r/base:1.0': D('a'), 'docker.io/library/debian:12': D('b') },
};
const previous = (parts: InputParts) => ({ ref: 'r/app:1-linux-amd64', digest: inputDigest(parts), parts });

describe('rebuildReasons', () => {
  it.each<[string, Partial<InputParts>, string[]]>([
    ['nothing changed', {}, []],
    ['the Dockerfile', { dockerfile: D('9') }, ['Dockerfile changed']],
    ['the rootfs', { context: D('9') }, ['rootfs changed']],
    ['an input label', { labels: D('9') }, ['labels changed']],
    ['the builder', { builder: 'docker' }, ['builder changed (buildah → docker)']],
    [
      'a catalog base',
      { bases: { ...PARTS.bases, 'r/base:1.0': D('c') } },
      ['base r/base:1.0 changed (sha256:aaaaaaaaaaaa → sha256:cccccccccccc)'],
    ],
    [
      'a moved upstream tag',
      { bases: { ...PARTS.bases, 'docker.io/library/debian:12': D('d') } },
      ['base docker.io/library/debian:12 changed (sha256:bbbbbbbbbbbb → sha256:dddddddddddd)'],
    ],
    ['a new base', { bases: { ...PARTS.bases, 'r/extra:1': D('e') } }, ['new base r/extra:1']],
    ['a dropped base', { bases: { 'r/base:1.0': D('a') } }, ['no longer built on docker.io/library/debian:12']],
    ['two parts at once', { dockerfile: D('9'), context: D('8') }, ['Dockerfile changed', 'rootfs changed']],
  ])('%s', (_name, change, expected) => {
    expect(rebuildReasons({ ...PARTS, ...change }, previous(PARTS))).toEqual(expected);
  });

  it('builds what the registry does not have yet', () => {
    expect(rebuildReasons(PARTS, undefined)).toEqual(['new: no image in the registry yet']);
  });

  it('rebuilds an image that records no input digest (built before incremental builds)', () => {
    expect(rebuildReasons(PARTS, { ref: 'r/app:1-linux-amd64' })).toEqual([
      'r/app:1-linux-amd64 records no input digest (built before incremental builds)',
    ]);
  });

  it('never reuses while an upstream digest is unknown, even when everything else matches', () => {
    const unknown = { ...PARTS, bases: { ...PARTS.bases, 'docker.io/library/debian:12': UNKNOWN_DIGEST } };
    expect(rebuildReasons(unknown, previous(unknown))).toEqual([
      'the digest of docker.io/library/debian:12 cannot be found out (registry unreachable?)',
    ]);
  });

  it('says the inputs differ when only the digest is recorded', () => {
    expect(rebuildReasons({ ...PARTS, dockerfile: D('9') }, { ref: 'x', digest: inputDigest(PARTS) })).toEqual([
      'the inputs of x differ (their parts are not recorded)',
    ]);
  });
});

describe('input digest and labels', () => {
  it('does not depend on the order of bases', () => {
    const reversed = { ...PARTS, bases: Object.fromEntries(Object.entries(PARTS.bases).reverse()) };
    expect(inputDigest(reversed)).toBe(inputDigest(PARTS));
    expect(canonicalParts(reversed)).toBe(canonicalParts(PARTS));
  });

  it('round-trips through the image labels', () => {
    const labels = inputLabels(PARTS);
    expect(readInputLabels(labels)).toEqual({ digest: inputDigest(PARTS), parts: PARTS });
  });

  it.each([
    ['no labels', undefined, {}],
    ['only a digest', { [INPUT_LABEL.digest]: D('1') }, { digest: D('1') }],
    ['unreadable parts', { [INPUT_LABEL.digest]: D('1'), [INPUT_LABEL.parts]: '{' }, { digest: D('1') }],
    [
      'parts of another version',
      { [INPUT_LABEL.digest]: D('1'), [INPUT_LABEL.parts]: JSON.stringify({ ...PARTS, v: 2 }) },
      { digest: D('1') },
    ],
  ])('reads %s', (_name, labels, expected) => {
    expect(readInputLabels(labels)).toEqual(expected);
  });

  it('ignores the labels that change with every commit or derive from the bases', () => {
    const base = { 'org.opencontainers.image.title': 'app', 'org.opencontainers.image.version': '1' };
    const withProvenance = {
      ...base,
      'org.opencontainers.image.created': '2026-01-01T00:00:00Z',
      'org.opencontainers.image.revision': 'a'.repeat(40),
      'org.opencontainers.image.base.digest': D('a'),
      [INPUT_LABEL.digest]: D('1'),
    };
    expect(inputLabelsDigest(withProvenance)).toBe(inputLabelsDigest(base));
    expect(inputLabelsDigest({ ...base, 'org.opencontainers.image.version': '2' })).not.toBe(inputLabelsDigest(base));
  });
});
