import { expandEnv } from '../../../src/core/config/env-expansion';

const ENV = { HOST: 'ghcr.io', OWNER: 'acme', EMPTY: '' };

describe('expandEnv', () => {
  it.each([
    ['plain text', 'plain text'],
    ['${HOST}/${OWNER}', 'ghcr.io/acme'],
    ['${OWNER}${OWNER}', 'acmeacme'],
    ['${EMPTY}', ''],
    ['', ''],
    ['${UNSET:-fallback}', 'fallback'],
    ['${EMPTY:-fallback}', 'fallback'],
    ['${HOST:-fallback}', 'ghcr.io'],
    ['${UNSET:-}', ''],
    ['${UNSET:-http://x:5000/a}', 'http://x:5000/a'],
    ['$HOST stays', '$HOST stays'],
    ['price: $5', 'price: $5'],
  ])('%j → %j', (text, expected) => {
    expect(expandEnv(text, ENV)).toEqual({ value: expected, missing: [] });
  });

  it.each([
    ['${UNSET}', ['UNSET']],
    ['${HOST}/${UNSET}', ['UNSET']],
    ['${A}-${B}', ['A', 'B']],
  ])('%j with an unset variable is undefined as a whole', (text, missing) => {
    expect(expandEnv(text, ENV)).toEqual({ value: undefined, missing });
  });

  it.each([
    ['${HOST', '${HOST'],
    ['x-${1BAD}', '${1BAD}'],
    ['${HOST:default}', '${HOST:default}'],
    ['${}', '${}'],
  ])('%j is a malformed reference', (text, malformed) => {
    expect(expandEnv(text, ENV)).toMatchObject({ value: undefined, malformed });
  });
});
