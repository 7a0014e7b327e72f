import { isInsecureRef, isInsecureRegistry, registryOf } from '../../../src/core/build/insecure-registries';

describe('insecure registry matching', () => {
  it.each<[string, string[], boolean]>([
    ['127.0.0.1:5050', ['127.0.0.1:5050'], true],
    ['127.0.0.1:5051', ['127.0.0.1:5050'], false],
    ['registry.local:5000', ['registry.local'], true],
    ['registry.local', ['registry.local:5000'], false],
    ['localhost:5050', ['http://localhost:5050/'], true],
    ['docker.io', ['127.0.0.1:5050'], false],
    ['[::1]:5000', ['[::1]'], true],
    ['[::1]:5000', ['[::1]:5000'], true],
  ])('%s in %j → %s', (registry, list, expected) => {
    expect(isInsecureRegistry(registry, list)).toBe(expected);
  });

  it.each<[string, string, boolean]>([
    ['127.0.0.1:5050/python:3.13-linux-arm64', '127.0.0.1:5050', true],
    ['debian:bookworm', 'docker.io', false],
    ['ghcr.io/acme/x@sha256:' + 'a'.repeat(64), 'ghcr.io', false],
  ])('%s is on %s (insecure: %s)', (ref, registry, insecure) => {
    expect(registryOf(ref)).toBe(registry);
    expect(isInsecureRef(ref, ['127.0.0.1:5050'])).toBe(insecure);
  });
});
