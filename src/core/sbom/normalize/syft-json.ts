/**
 * syft's own JSON: the source is renamed from the scanned file's path (a temporary, machine-specific path) to the
 * image reference and digest, and artifacts and relationships are sorted. syft's artifact ids are content hashes,
 * so they are stable already.
 */
import type { SbomSubject } from '../sbom-subject';
import { isObject, sortByKeys, text, type JsonObject } from './json-tools';

export function normalizeSyftJson(input: JsonObject, subject: SbomSubject): JsonObject {
  const doc: JsonObject = { ...input };
  if (isObject(doc.source)) {
    const source: JsonObject = { ...doc.source, name: subject.ref, version: subject.digest };
    if (isObject(source.metadata)) source.metadata = { ...source.metadata, userInput: subject.ref };
    doc.source = source;
  }
  if (Array.isArray(doc.artifacts)) {
    doc.artifacts = sortByKeys(doc.artifacts.filter(isObject), (a) => [
      text(a.purl),
      text(a.name),
      text(a.version),
      text(a.id),
    ]);
  }
  if (Array.isArray(doc.artifactRelationships)) {
    doc.artifactRelationships = sortByKeys(doc.artifactRelationships.filter(isObject), (r) => [
      text(r.parent),
      text(r.type),
      text(r.child),
    ]);
  }
  return doc;
}
