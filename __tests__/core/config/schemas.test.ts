import Ajv from 'ajv';
import { configSchema, imageSchema } from '../../../src/core/config/schemas';

type Schema = Record<string, unknown>;

/** Every subschema of a schema, with a readable path. */
function* subschemas(schema: unknown, at = '#'): Generator<[string, Schema]> {
  if (schema === null || typeof schema !== 'object') return;
  if (Array.isArray(schema)) {
    for (const [i, item] of schema.entries()) yield* subschemas(item, `${at}/${i}`);
    return;
  }
  yield [at, schema as Schema];
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'examples' || key === 'default' || key === 'enum') continue;
    yield* subschemas(value, `${at}/${key}`);
  }
}

function resolve(root: Schema, schema: Schema): Schema {
  const ref = schema.$ref;
  if (typeof ref !== 'string') return schema;
  const target = ref
    .slice(2)
    .split('/')
    .reduce<Schema>((node, part) => node[part] as Schema, root);
  return { ...target, ...schema };
}

describe.each([
  ['image.schema.json', imageSchema as Schema],
  ['config.schema.json', configSchema as Schema],
])('%s', (_file, schema) => {
  it('compiles with ajv in strict mode', () => {
    const ajv = new Ajv({ strict: true, allowUnionTypes: true });
    expect(() => ajv.compile(schema)).not.toThrow();
    expect(ajv.validateSchema(schema)).toBe(true);
  });

  it('declares draft-07, a title and a description', () => {
    expect(schema).toMatchObject({ $schema: 'http://json-schema.org/draft-07/schema#' });
    expect(typeof schema.title).toBe('string');
    expect(typeof schema.description).toBe('string');
  });

  it('gives every property a title and a description', () => {
    const missing: string[] = [];
    for (const [at, node] of subschemas(schema)) {
      for (const [name, property] of Object.entries((node.properties ?? {}) as Record<string, Schema>)) {
        const resolved = resolve(schema, property);
        if (typeof resolved.title !== 'string' || typeof resolved.description !== 'string') {
          missing.push(`${at}/properties/${name}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('closes every object: fixed keys with additionalProperties false, maps with a value schema', () => {
    const open: string[] = [];
    for (const [at, node] of subschemas(schema)) {
      const types = [node.type].flat();
      if (!types.includes('object')) continue;
      const closed = node.properties
        ? node.additionalProperties === false
        : typeof node.additionalProperties === 'object';
      if (!closed) open.push(at);
    }
    expect(open).toEqual([]);
  });
});
