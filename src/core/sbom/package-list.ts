/**
 * The package list of an SBOM in one shape for the HTML report (SbomRecord.packages), whatever the format: name,
 * version, type (the purl type such as `deb` or `npm` when there is a purl), purl and license. The image itself and
 * its operating-system entry are not packages.
 */
import type { SbomRecord } from '../records/records';
import { isObject, sortByKeys, text, type Json, type JsonObject } from './normalize/json-tools';
import type { SbomFormat } from './sbom-format';

export type SbomPackage = SbomRecord['packages'][number];

const NOT_PACKAGES = new Set(['operating-system', 'container', 'file', 'OPERATING-SYSTEM', 'CONTAINER', 'FILE']);

export function packagesFromSbom(format: SbomFormat, doc: JsonObject): SbomPackage[] {
  const packages =
    format === 'cyclonedx-json' ? fromCycloneDx(doc) : format === 'spdx-json' ? fromSpdx(doc) : fromSyft(doc);
  const unique = new Map<string, SbomPackage>();
  for (const pkg of packages) unique.set(`${pkg.name}\0${pkg.version}\0${pkg.purl ?? ''}`, pkg);
  return sortByKeys([...unique.values()], (p) => [p.name.toLowerCase(), p.version, p.purl ?? '']);
}

function fromCycloneDx(doc: JsonObject): SbomPackage[] {
  const out: SbomPackage[] = [];
  const walk = (list: Json | undefined) => {
    for (const component of Array.isArray(list) ? list.filter(isObject) : []) {
      if (!NOT_PACKAGES.has(text(component.type))) {
        out.push(
          make(
            text(component.name),
            text(component.version),
            text(component.type),
            text(component.purl),
            cdxLicense(component.licenses),
          ),
        );
      }
      walk(component.components);
    }
  };
  walk(doc.components);
  return out;
}

function cdxLicense(licenses: Json | undefined): string | undefined {
  const names: string[] = [];
  for (const entry of Array.isArray(licenses) ? licenses.filter(isObject) : []) {
    if (typeof entry.expression === 'string') names.push(entry.expression);
    else if (isObject(entry.license)) names.push(text(entry.license.id) || text(entry.license.name));
  }
  return joinLicenses(names);
}

function fromSpdx(doc: JsonObject): SbomPackage[] {
  const relationships = Array.isArray(doc.relationships) ? doc.relationships.filter(isObject) : [];
  const described = new Set(
    relationships.filter((r) => r.relationshipType === 'DESCRIBES').map((r) => text(r.relatedSpdxElement)),
  );
  const out: SbomPackage[] = [];
  for (const pkg of Array.isArray(doc.packages) ? doc.packages.filter(isObject) : []) {
    if (described.has(text(pkg.SPDXID)) || NOT_PACKAGES.has(text(pkg.primaryPackagePurpose))) continue;
    const purl = (Array.isArray(pkg.externalRefs) ? pkg.externalRefs.filter(isObject) : []).find(
      (ref) => ref.referenceType === 'purl',
    )?.referenceLocator;
    const license = [pkg.licenseDeclared, pkg.licenseConcluded]
      .map((value) => text(value))
      .find((value) => value !== '' && value !== 'NOASSERTION' && value !== 'NONE');
    out.push(make(text(pkg.name), text(pkg.versionInfo), 'package', text(purl), license));
  }
  return out;
}

function fromSyft(doc: JsonObject): SbomPackage[] {
  return (Array.isArray(doc.artifacts) ? doc.artifacts.filter(isObject) : []).map((artifact) => {
    const licenses = (Array.isArray(artifact.licenses) ? artifact.licenses : []).map((l) =>
      isObject(l) ? text(l.value) || text(l.spdxExpression) : text(l),
    );
    return make(
      text(artifact.name),
      text(artifact.version),
      text(artifact.type),
      text(artifact.purl),
      joinLicenses(licenses),
    );
  });
}

function make(name: string, version: string, type: string, purl: string, license: string | undefined): SbomPackage {
  const purlType = /^pkg:([a-z0-9.+-]+)\//i.exec(purl)?.[1];
  return {
    name,
    version,
    type: purlType ?? type,
    ...(purl ? { purl } : {}),
    ...(license ? { license } : {}),
  };
}

function joinLicenses(names: string[]): string | undefined {
  const unique = [...new Set(names.filter((name) => name !== ''))];
  return unique.length === 0 ? undefined : unique.join(' AND ');
}
