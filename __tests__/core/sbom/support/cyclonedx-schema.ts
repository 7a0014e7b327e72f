/**
 * Validates CycloneDX JSON against the official schemas shipped in @cyclonedx/cyclonedx-library, the way the
 * library's own JsonStrictValidator does (ajv + ajv-formats, remote schemas off). The library's validator itself
 * also wants `ajv-formats-draft2019`, which is not installed; it only adds the `idn-email` format, checked here
 * with a plain pattern instead.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

const cache = new Map<string, (data: unknown) => string[]>();
/** The library's bundled schemas (its `_Resources` export, which its type declarations leave out). */
const SCHEMAS = path.join(path.dirname(require.resolve('@cyclonedx/cyclonedx-library/package.json')), 'res', 'schema');

export function cycloneDxProblems(document: unknown, specVersion: string): string[] {
  let validate = cache.get(specVersion);
  if (!validate) {
    const schemaFile = path.join(SCHEMAS, `bom-${specVersion}.SNAPSHOT.schema.json`);
    if (!existsSync(schemaFile)) throw new Error(`no CycloneDX ${specVersion} schema in @cyclonedx/cyclonedx-library`);
    const read = (file: string) => JSON.parse(readFileSync(path.join(SCHEMAS, file), 'utf8')) as object;
    const ajv = new Ajv({
      strict: false,
      useDefaults: false,
      addUsedSchema: false,
      schemas: {
        'http://cyclonedx.org/schema/spdx.SNAPSHOT.schema.json': read('spdx.SNAPSHOT.schema.json'),
        'http://cyclonedx.org/schema/cryptography-defs.SNAPSHOT.schema.json': read(
          'cryptography-defs.SNAPSHOT.schema.json',
        ),
        'http://cyclonedx.org/schema/jsf-0.82.SNAPSHOT.schema.json': read('jsf-0.82.SNAPSHOT.schema.json'),
      },
    });
    addFormats(ajv);
    ajv.addFormat('idn-email', /^[^\s@]+@[^\s@]+$/);
    ajv.addFormat('iri-reference', true);
    const compiled = ajv.compile(read(path.basename(schemaFile)));
    validate = (data) => (compiled(data) ? [] : (compiled.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));
    cache.set(specVersion, validate);
  }
  return validate(document);
}
