import { UsageError } from '../../../src/core/shared/errors';
import { describeSubject, ociPurl, sbomTimestamp, sbomUuid, uuidV5 } from '../../../src/core/sbom/sbom-subject';

const DIGEST = `sha256:${'ab'.repeat(32)}`;
const IMAGE_ID = `sha256:${'cd'.repeat(32)}`;

describe('how an SBOM names its image', () => {
  it.each([
    [
      '127.0.0.1:5050/lua:5.4-linux-amd64',
      'linux/amd64',
      `pkg:oci/lua@sha256%3A${'ab'.repeat(32)}?arch=amd64&repository_url=127.0.0.1%3A5050/lua&tag=5.4-linux-amd64`,
    ],
    [
      'ghcr.io/team/tools/python:3.13',
      'linux/arm64',
      `pkg:oci/python@sha256%3A${'ab'.repeat(32)}?arch=arm64&repository_url=ghcr.io/team/tools/python&tag=3.13`,
    ],
    [
      'debian',
      'linux/arm/v7',
      `pkg:oci/debian@sha256%3A${'ab'.repeat(32)}?arch=arm/v7&repository_url=docker.io/library/debian`,
    ],
  ])('%s on %s has the purl-spec oci purl %s', (ref, platform, purl) => {
    expect(ociPurl(describeSubject({ ref, digest: DIGEST, imageId: IMAGE_ID, platform }))).toBe(purl);
  });

  it('uses the digest in the reference, else the image id, when no manifest digest is given', () => {
    expect(describeSubject({ ref: `r.io/a@${DIGEST}`, imageId: IMAGE_ID, platform: 'linux/amd64' }).digest).toBe(
      DIGEST,
    );
    expect(describeSubject({ ref: 'r.io/a:1', imageId: IMAGE_ID, platform: 'linux/amd64' }).digest).toBe(IMAGE_ID);
    expect(() => describeSubject({ ref: 'Not A Ref', imageId: IMAGE_ID, platform: 'linux/amd64' })).toThrow(UsageError);
  });

  it.each([
    // RFC 9562 / Python uuid.uuid5(NAMESPACE_URL, …)
    ['https://www.example.com', 'a0787afd-c170-5773-8d60-02739168de9f'],
    ['http://python.org/', '4c565f0d-3f5a-5890-b41b-20cf47701c5e'],
  ])('derives UUID v5 of %s as %s', (name, uuid) => {
    expect(uuidV5(name)).toBe(uuid);
  });

  it('gives one serial per image, scanner and format, the same every time', () => {
    const subject = describeSubject({ ref: 'r.io/a:1', digest: DIGEST, imageId: IMAGE_ID, platform: 'linux/amd64' });
    const serial = sbomUuid(subject, 'trivy', 'cyclonedx-json');
    expect(sbomUuid(subject, 'trivy', 'cyclonedx-json')).toBe(serial);
    expect(sbomUuid(subject, 'syft', 'cyclonedx-json')).not.toBe(serial);
    expect(sbomUuid({ ...subject, platform: 'linux/arm64' }, 'trivy', 'cyclonedx-json')).not.toBe(serial);
    expect(serial).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it.each([
    ['1767225600', '2025-12-01T00:00:00Z', '2026-01-01T00:00:00Z'],
    [undefined, '2025-12-01T10:20:30.123456789Z', '2025-12-01T10:20:30Z'],
    ['', '2025-12-01T10:20:30Z', '2025-12-01T10:20:30Z'],
    [undefined, undefined, undefined],
    [undefined, 'not a date', undefined],
  ])('SOURCE_DATE_EPOCH=%s, image created %s → %s', (epoch, created, expected) => {
    const subject = describeSubject({ ref: 'r.io/a:1', imageId: IMAGE_ID, platform: 'linux/amd64', created });
    expect(sbomTimestamp(subject, epoch)).toBe(expected);
  });

  it('rejects a SOURCE_DATE_EPOCH that is not a number of seconds', () => {
    const subject = describeSubject({ ref: 'r.io/a:1', imageId: IMAGE_ID, platform: 'linux/amd64' });
    expect(() => sbomTimestamp(subject, 'yesterday')).toThrow(UsageError);
  });
});
