/** The scanner's version as it records itself in the SBOM (CycloneDX tools, SPDX creators, syft's descriptor). */
import { isObject, text, type Json, type JsonObject } from './normalize/json-tools';
import type { SbomFormat } from './sbom-format';

export function scannerVersionFromSbom(format: SbomFormat, doc: JsonObject, scanner: string): string | undefined {
  if (format === 'cyclonedx-json') {
    const metadata = isObject(doc.metadata) ? doc.metadata : {};
    const tools: Json[] = Array.isArray(metadata.tools)
      ? metadata.tools
      : isObject(metadata.tools) && Array.isArray(metadata.tools.components)
        ? metadata.tools.components
        : [];
    const tool = tools.filter(isObject).find((t) => text(t.name) === scanner);
    return tool && text(tool.version) ? text(tool.version) : undefined;
  }
  if (format === 'spdx-json') {
    const creators =
      isObject(doc.creationInfo) && Array.isArray(doc.creationInfo.creators) ? doc.creationInfo.creators : [];
    for (const creator of creators.map(text)) {
      const match = new RegExp(`^Tool:\\s*${scanner}-v?(\\S+)$`).exec(creator);
      if (match) return match[1];
    }
    return undefined;
  }
  const descriptor = isObject(doc.descriptor) ? doc.descriptor : {};
  return text(descriptor.name) === scanner && text(descriptor.version) ? text(descriptor.version) : undefined;
}
