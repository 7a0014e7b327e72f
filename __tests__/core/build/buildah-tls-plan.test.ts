import { planBuildahTls, type BuildahTlsInput } from '../../../src/core/build/buildah-tls-plan';

const LOCAL = '127.0.0.1:5050';
const input = (overrides: Partial<BuildahTlsInput>): BuildahTlsInput => ({
  images: { refs: [], unresolved: [] },
  pushRef: `${LOCAL}/app:1`,
  insecureRegistries: [LOCAL],
  ...overrides,
});

describe('planBuildahTls', () => {
  it.each<[string, BuildahTlsInput, ReturnType<typeof planBuildahTls>]>([
    [
      'everything local and insecure: one --tls-verify=false for bud and push',
      input({ images: { refs: [`${LOCAL}/base:1`], unresolved: [] } }),
      { budTlsVerify: false, prePull: [], pushTlsVerify: false },
    ],
    [
      'FROM scratch pushing to a secure registry: TLS everywhere',
      input({ pushRef: 'ghcr.io/acme/app:1' }),
      { budTlsVerify: true, prePull: [], pushTlsVerify: true },
    ],
    [
      'Docker Hub base, local push: bud verifies, push does not',
      input({ images: { refs: ['debian:bookworm'], unresolved: [] } }),
      { budTlsVerify: true, prePull: [], pushTlsVerify: false },
    ],
    [
      'mixed bases: the insecure one is pulled first with its own flag',
      input({ images: { refs: ['debian:bookworm', `${LOCAL}/tools:1`], unresolved: [] } }),
      { budTlsVerify: true, prePull: [{ ref: `${LOCAL}/tools:1`, tlsVerify: false }], pushTlsVerify: false },
    ],
    [
      'insecure cache decides for bud; secure bases are pulled first with TLS',
      input({ images: { refs: ['ghcr.io/acme/base:1'], unresolved: [] }, cacheRef: `${LOCAL}/cache` }),
      { budTlsVerify: false, prePull: [{ ref: 'ghcr.io/acme/base:1', tlsVerify: true }], pushTlsVerify: false },
    ],
    [
      'secure cache with a local base',
      input({ images: { refs: [`${LOCAL}/base:1`], unresolved: [] }, cacheRef: 'ghcr.io/acme/cache' }),
      { budTlsVerify: true, prePull: [{ ref: `${LOCAL}/base:1`, tlsVerify: false }], pushTlsVerify: false },
    ],
    [
      'an unresolvable base keeps TLS on',
      input({ images: { refs: [`${LOCAL}/base:1`], unresolved: ['${BASE}'] } }),
      { budTlsVerify: true, prePull: [{ ref: `${LOCAL}/base:1`, tlsVerify: false }], pushTlsVerify: false },
    ],
  ])('%s', (_name, planInput, expected) => {
    expect(planBuildahTls(planInput)).toEqual(expected);
  });
});
