/**
 * Makes a scanner's CycloneDX JSON name the image and come out byte-identical for the same image: the serial number
 * is derived from the digest, the timestamp comes from SOURCE_DATE_EPOCH (or the image), random bom-refs (trivy
 * uses UUIDs) become `<type>:<name>@<version>`, and components, dependencies and properties are sorted.
 * `metadata.component` becomes the image: its repository, digest, `pkg:oci` purl and platform.
 */
import { ociPurl, type SbomSubject } from '../sbom-subject';
import {
  isObject,
  RANDOM_UUID,
  renameStrings,
  sortByKeys,
  text,
  uniqueId,
  type Json,
  type JsonObject,
} from './json-tools';

export interface NormalizeIds {
  serial: string;
  timestamp?: string;
}

export function normalizeCycloneDx(input: JsonObject, subject: SbomSubject, ids: NormalizeIds): JsonObject {
  const purl = ociPurl(subject);
  const renames = planRenames(input, purl);
  const doc = renameStrings(input, renames) as JsonObject;
  doc.serialNumber = `urn:uuid:${ids.serial}`;
  const metadata: JsonObject = isObject(doc.metadata) ? doc.metadata : {};
  if (ids.timestamp) metadata.timestamp = ids.timestamp;
  else delete metadata.timestamp;
  metadata.component = imageComponent(isObject(metadata.component) ? metadata.component : {}, subject, purl);
  doc.metadata = metadata;
  if (Array.isArray(doc.components)) doc.components = sortComponents(doc.components);
  if (Array.isArray(doc.dependencies)) doc.dependencies = sortDependencies(doc.dependencies);
  return doc;
}

function imageComponent(old: JsonObject, subject: SbomSubject, purl: string): JsonObject {
  const ours: Array<[string, string]> = [
    ['image-manager:platform', subject.platform],
    ['image-manager:reference', subject.ref],
    ['image-manager:image-id', subject.imageId],
  ];
  const kept = (Array.isArray(old.properties) ? old.properties : []).filter(
    (p) => isObject(p) && !text(p.name).startsWith('image-manager:'),
  );
  return {
    ...old,
    'bom-ref': purl,
    type: 'container',
    name: subject.repository,
    version: subject.digest,
    purl,
    properties: sortProperties([...kept, ...ours.map(([name, value]) => ({ name, value }))]),
  };
}

/** Old bom-ref → new: the image component's becomes its purl, random UUIDs become readable stable names. */
function planRenames(doc: JsonObject, purl: string): Map<string, string> {
  const renames = new Map<string, string>();
  const metadata = isObject(doc.metadata) ? doc.metadata : {};
  const imageRef = isObject(metadata.component) ? text(metadata.component['bom-ref']) : '';
  if (imageRef) renames.set(imageRef, purl);
  const components: JsonObject[] = [];
  const collect = (list: Json | undefined) => {
    for (const item of Array.isArray(list) ? list : []) {
      if (!isObject(item)) continue;
      components.push(item);
      collect(item.components);
    }
  };
  collect(doc.components);
  const taken = new Set<string>([purl]);
  for (const component of components) {
    const ref = text(component['bom-ref']);
    if (ref && !RANDOM_UUID.test(ref)) taken.add(ref);
  }
  for (const component of sortByKeys(components, (c) => [text(c.type), text(c.name), text(c.version), text(c.purl)])) {
    const ref = text(component['bom-ref']);
    if (!ref || !RANDOM_UUID.test(ref) || renames.has(ref)) continue;
    const readable = `${text(component.type) || 'component'}:${text(component.name)}${component.version ? `@${text(component.version)}` : ''}`;
    renames.set(ref, uniqueId(readable, taken));
  }
  return renames;
}

function sortComponents(list: Json[]): Json[] {
  const sorted = sortByKeys(list.filter(isObject), (c) => [
    text(c.purl),
    text(c.type),
    text(c.name),
    text(c.version),
    text(c['bom-ref']),
  ]);
  return sorted.map((component) => {
    const out: JsonObject = { ...component };
    if (Array.isArray(out.components)) out.components = sortComponents(out.components);
    if (Array.isArray(out.properties)) out.properties = sortProperties(out.properties);
    return out;
  });
}

function sortDependencies(list: Json[]): Json[] {
  return sortByKeys(list.filter(isObject), (d) => [text(d.ref)]).map((dependency) => {
    const out: JsonObject = { ...dependency };
    if (Array.isArray(out.dependsOn)) out.dependsOn = [...new Set(out.dependsOn.map(text))].sort();
    return out;
  });
}

function sortProperties(list: Json[]): Json[] {
  return sortByKeys(list.filter(isObject), (p) => [text(p.name), text(p.value)]);
}
