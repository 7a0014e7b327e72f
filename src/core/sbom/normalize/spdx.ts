/**
 * Makes a scanner's SPDX 2.3 JSON name the image and come out byte-identical for the same image: the document is
 * named after the image reference, its namespace and the image package's SPDX id are derived from the digest
 * (trivy derives them from the archive's file name and a random UUID), `created` comes from SOURCE_DATE_EPOCH (or
 * the image; SPDX requires one), and packages and relationships are sorted.
 */
import { ociPurl, type SbomSubject } from '../sbom-subject';
import { isObject, renameStrings, sortByKeys, text, type Json, type JsonObject } from './json-tools';
import type { NormalizeIds } from './cyclonedx';

const DOCUMENT_ID = 'SPDXRef-DOCUMENT';

export function normalizeSpdx(input: JsonObject, subject: SbomSubject, ids: NormalizeIds): JsonObject {
  const relationships = Array.isArray(input.relationships) ? input.relationships.filter(isObject) : [];
  const described = relationships
    .filter((r) => r.spdxElementId === DOCUMENT_ID && r.relationshipType === 'DESCRIBES')
    .map((r) => text(r.relatedSpdxElement));
  const packages = Array.isArray(input.packages) ? input.packages.filter(isObject) : [];
  const root =
    packages.find((p) => described.includes(text(p.SPDXID)) && p.primaryPackagePurpose === 'CONTAINER') ??
    packages.find((p) => described.includes(text(p.SPDXID)));
  const digestHex = subject.digest.replace(/^[a-z0-9]+:/, '');
  const renames = new Map<string, string>();
  if (root) renames.set(text(root.SPDXID), `SPDXRef-ContainerImage-${digestHex.slice(0, 16)}`);
  const doc = renameStrings(input, renames) as JsonObject;

  doc.name = subject.ref;
  doc.documentNamespace = `https://spdx.org/spdxdocs/image-manager/${slug(subject.repository)}-${ids.serial}`;
  const creationInfo: JsonObject = isObject(doc.creationInfo) ? doc.creationInfo : {};
  creationInfo.created = ids.timestamp ?? '1970-01-01T00:00:00Z';
  doc.creationInfo = creationInfo;
  if (root) {
    const rootId = renames.get(text(root.SPDXID)) as string;
    doc.packages = (doc.packages as Json[]).map((p) =>
      isObject(p) && p.SPDXID === rootId ? imagePackage(p, subject) : p,
    );
  }
  if (Array.isArray(doc.packages)) doc.packages = sortByKeys(doc.packages.filter(isObject), (p) => [text(p.SPDXID)]);
  if (Array.isArray(doc.files)) doc.files = sortByKeys(doc.files.filter(isObject), (f) => [text(f.SPDXID)]);
  if (Array.isArray(doc.relationships)) {
    doc.relationships = sortByKeys(doc.relationships.filter(isObject), (r) => [
      text(r.spdxElementId),
      text(r.relationshipType),
      text(r.relatedSpdxElement),
    ]);
  }
  return doc;
}

function imagePackage(pkg: JsonObject, subject: SbomSubject): JsonObject {
  const refs = (Array.isArray(pkg.externalRefs) ? pkg.externalRefs : []).filter(
    (ref) => isObject(ref) && ref.referenceType !== 'purl',
  );
  return {
    ...pkg,
    name: subject.repository,
    versionInfo: subject.digest,
    externalRefs: [
      ...refs,
      { referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: ociPurl(subject) },
    ],
    comment: `image ${subject.ref}, platform ${subject.platform}, image id ${subject.imageId}`,
  };
}

function slug(value: string): string {
  return value.replace(/[^A-Za-z0-9.-]+/g, '-');
}
