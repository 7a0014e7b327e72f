/** Determinism of the SBOM rewriting, on documents shaped like trivy's and syft's output. */
import { normalizeCycloneDx } from '../../../src/core/sbom/normalize/cyclonedx';
import type { JsonObject } from '../../../src/core/sbom/normalize/json-tools';
import { normalizeSpdx } from '../../../src/core/sbom/normalize/spdx';
import { normalizeSyftJson } from '../../../src/core/sbom/normalize/syft-json';
import { describeSubject, ociPurl } from '../../../src/core/sbom/sbom-subject';

const subject = describeSubject({
  ref: '127.0.0.1:5050/lua:5.4-linux-amd64',
  digest: `sha256:${'1'.repeat(64)}`,
  imageId: `sha256:${'2'.repeat(64)}`,
  platform: 'linux/amd64',
});
const ids = { serial: '00000000-0000-5000-8000-000000000001', timestamp: '2026-01-01T00:00:00Z' };

/** trivy-like CycloneDX: random UUID bom-refs for the image and the OS, purls for packages, unsorted. */
function trivyCycloneDx(imageRef: string, osRef: string, order: 'ab' | 'ba'): JsonObject {
  const a = { 'bom-ref': 'pkg:deb/debian/a@1', type: 'library', name: 'a', version: '1', purl: 'pkg:deb/debian/a@1' };
  const b = { 'bom-ref': 'pkg:deb/debian/b@2', type: 'library', name: 'b', version: '2', purl: 'pkg:deb/debian/b@2' };
  return {
    bomFormat: 'CycloneDX',
    specVersion: '1.5',
    serialNumber: `urn:uuid:${imageRef}`,
    version: 1,
    metadata: {
      timestamp: '2026-11-27T00:09:22+00:00',
      tools: [{ vendor: 'aquasecurity', name: 'trivy', version: 'dev' }],
      component: {
        'bom-ref': imageRef,
        type: 'container',
        name: 'image.tar',
        properties: [{ name: 'aquasecurity:trivy:SchemaVersion', value: '2' }],
      },
    },
    components: [
      { 'bom-ref': osRef, type: 'operating-system', name: 'debian', version: '12.11' },
      ...(order === 'ab' ? [a, b] : [b, a]),
    ],
    dependencies: [
      {
        ref: osRef,
        dependsOn:
          order === 'ab' ? ['pkg:deb/debian/a@1', 'pkg:deb/debian/b@2'] : ['pkg:deb/debian/b@2', 'pkg:deb/debian/a@1'],
      },
      { ref: imageRef, dependsOn: [osRef] },
    ],
    vulnerabilities: [],
  };
}

describe('CycloneDX rewriting', () => {
  const first = normalizeCycloneDx(
    trivyCycloneDx('30d51811-2cd5-42df-a95c-6a056ef28c4d', '3ce5c12d-b816-4436-97c1-a14ca7ab3fda', 'ab'),
    subject,
    ids,
  );
  const second = normalizeCycloneDx(
    trivyCycloneDx('a7643dee-3c35-4fc1-a731-2d59a19c524c', '0e33bd41-6935-4318-b131-af623b484799', 'ba'),
    subject,
    ids,
  );

  it('gives the same bytes for scans that differ only in random ids and order', () => {
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
    expect(JSON.stringify(first)).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}/);
  });

  it('names the image in metadata.component and points the dependency graph at it', () => {
    const purl = ociPurl(subject);
    expect(first.serialNumber).toBe(`urn:uuid:${ids.serial}`);
    expect(first.metadata).toMatchObject({
      timestamp: '2026-01-01T00:00:00Z',
      component: {
        'bom-ref': purl,
        type: 'container',
        name: '127.0.0.1:5050/lua',
        version: subject.digest,
        purl,
        properties: [
          { name: 'aquasecurity:trivy:SchemaVersion', value: '2' },
          { name: 'image-manager:image-id', value: subject.imageId },
          { name: 'image-manager:platform', value: 'linux/amd64' },
          { name: 'image-manager:reference', value: subject.ref },
        ],
      },
    });
    expect(first.dependencies).toEqual([
      { ref: 'operating-system:debian@12.11', dependsOn: ['pkg:deb/debian/a@1', 'pkg:deb/debian/b@2'] },
      { ref: purl, dependsOn: ['operating-system:debian@12.11'] },
    ]);
  });

  it('drops the scan time when neither SOURCE_DATE_EPOCH nor an image time is known', () => {
    const doc = normalizeCycloneDx(
      trivyCycloneDx('30d51811-2cd5-42df-a95c-6a056ef28c4d', '3ce5c12d-b816-4436-97c1-a14ca7ab3fda', 'ab'),
      subject,
      { serial: ids.serial },
    );
    expect(doc.metadata).not.toHaveProperty('timestamp');
  });
});

describe('SPDX rewriting', () => {
  function trivySpdx(fileName: string, namespaceUuid: string): JsonObject {
    const root = `SPDXRef-ContainerImage-${fileName.length}abc`;
    return {
      spdxVersion: 'SPDX-2.3',
      SPDXID: 'SPDXRef-DOCUMENT',
      name: fileName,
      documentNamespace: `http://aquasecurity.github.io/trivy/container_image/${fileName}-${namespaceUuid}`,
      creationInfo: { creators: ['Tool: trivy-dev'], created: '2026-11-27T00:21:28Z' },
      packages: [
        {
          name: 'zlib1g',
          SPDXID: 'SPDXRef-Package-2',
          externalRefs: [{ referenceType: 'purl', referenceLocator: 'pkg:deb/debian/zlib1g@1' }],
        },
        { name: fileName, SPDXID: root, primaryPackagePurpose: 'CONTAINER' },
        { name: 'bash', SPDXID: 'SPDXRef-Package-1' },
      ],
      relationships: [
        { spdxElementId: root, relatedSpdxElement: 'SPDXRef-Package-1', relationshipType: 'CONTAINS' },
        { spdxElementId: 'SPDXRef-DOCUMENT', relatedSpdxElement: root, relationshipType: 'DESCRIBES' },
      ],
    };
  }

  it('names the document and the image package after the image, and sorts, whatever the file was called', () => {
    const a = normalizeSpdx(trivySpdx('deb.tar', '2fc4c28f-77e4-41d9-96fa-63234eee6794'), subject, ids);
    const b = normalizeSpdx(trivySpdx('other-name.tar', '869d8031-dadf-4352-8a15-6cc1376f36c7'), subject, ids);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    const rootId = `SPDXRef-ContainerImage-${'1'.repeat(16)}`;
    expect(a).toMatchObject({
      name: subject.ref,
      documentNamespace: `https://spdx.org/spdxdocs/image-manager/127.0.0.1-5050-lua-${ids.serial}`,
      creationInfo: { created: '2026-01-01T00:00:00Z' },
    });
    expect((a.packages as JsonObject[]).map((p) => p.SPDXID)).toEqual([
      rootId,
      'SPDXRef-Package-1',
      'SPDXRef-Package-2',
    ]);
    expect((a.packages as JsonObject[])[0]).toMatchObject({
      name: '127.0.0.1:5050/lua',
      versionInfo: subject.digest,
      externalRefs: [
        { referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: ociPurl(subject) },
      ],
    });
    expect(a.relationships).toEqual([
      { spdxElementId: rootId, relatedSpdxElement: 'SPDXRef-Package-1', relationshipType: 'CONTAINS' },
      { spdxElementId: 'SPDXRef-DOCUMENT', relatedSpdxElement: rootId, relationshipType: 'DESCRIBES' },
    ]);
  });

  it('uses the epoch when no time is known, since SPDX requires one', () => {
    const doc = normalizeSpdx(trivySpdx('x.tar', '2fc4c28f-77e4-41d9-96fa-63234eee6794'), subject, {
      serial: ids.serial,
    });
    expect(doc.creationInfo).toMatchObject({ created: '1970-01-01T00:00:00Z' });
  });
});

describe('syft JSON rewriting', () => {
  it('replaces the scanned file path with the image and sorts artifacts', () => {
    const doc = normalizeSyftJson(
      {
        artifacts: [
          { id: '2', name: 'zlib', purl: 'pkg:deb/debian/zlib@1' },
          { id: '1', name: 'bash', purl: 'pkg:deb/debian/bash@5' },
        ],
        artifactRelationships: [
          { parent: 'b', child: '1', type: 'contains' },
          { parent: 'a', child: '2', type: 'contains' },
        ],
        source: {
          id: 'x',
          name: '/tmp/run-123/image.tar',
          version: '',
          metadata: { userInput: '/tmp/run-123/image.tar' },
        },
        descriptor: { name: 'syft', version: '1.46.0' },
      },
      subject,
    );
    expect(doc.source).toEqual({
      id: 'x',
      name: subject.ref,
      version: subject.digest,
      metadata: { userInput: subject.ref },
    });
    expect((doc.artifacts as JsonObject[]).map((a) => a.name)).toEqual(['bash', 'zlib']);
    expect((doc.artifactRelationships as JsonObject[]).map((r) => r.parent)).toEqual(['a', 'b']);
  });
});
