import {
  apiHost,
  formatReference,
  InvalidReferenceError,
  isLoopbackHost,
  manifestReference,
  parseReference,
  tryParseReference,
  withTag,
} from '../../../src/core/registry/reference';
import { UsageError } from '../../../src/core/shared/errors';

const D = `sha256:${'a'.repeat(64)}`;

describe('parseReference', () => {
  it.each([
    ['debian', 'docker.io', 'library/debian', undefined, undefined],
    ['debian:bookworm-slim', 'docker.io', 'library/debian', 'bookworm-slim', undefined],
    ['library/debian:12', 'docker.io', 'library/debian', '12', undefined],
    ['docker.io/debian', 'docker.io', 'library/debian', undefined, undefined],
    ['index.docker.io/library/debian:12', 'docker.io', 'library/debian', '12', undefined],
    ['bitnami/redis:7', 'docker.io', 'bitnami/redis', '7', undefined],
    [`debian@${D}`, 'docker.io', 'library/debian', undefined, D],
    [`debian:12@${D}`, 'docker.io', 'library/debian', '12', D],
    ['ghcr.io/o/r', 'ghcr.io', 'o/r', undefined, undefined],
    ['ghcr.io/owner/team/image:1.2.3', 'ghcr.io', 'owner/team/image', '1.2.3', undefined],
    ['localhost/app', 'localhost', 'app', undefined, undefined],
    ['localhost:5000/a', 'localhost:5000', 'a', undefined, undefined],
    ['localhost:5000/a:5000', 'localhost:5000', 'a', '5000', undefined],
    // No slash: `a:5000` is image `a` with tag `5000`, not a host (docker's rule).
    ['a:5000', 'docker.io', 'library/a', '5000', undefined],
    // A component with a port before a slash is a host.
    ['a:5000/b', 'a:5000', 'b', undefined, undefined],
    ['127.0.0.1:5050/base:2025.09', '127.0.0.1:5050', 'base', '2025.09', undefined],
    [`127.0.0.1:5050/team/app:1-linux-amd64@${D}`, '127.0.0.1:5050', 'team/app', '1-linux-amd64', D],
    ['[::1]:5000/app:1', '[::1]:5000', 'app', '1', undefined],
    ['Registry.Example.com/app', 'Registry.Example.com', 'app', undefined, undefined],
    ['my-registry.local:8443/a_b/c__d/e-f.g:v1_x', 'my-registry.local:8443', 'a_b/c__d/e-f.g', 'v1_x', undefined],
    ['example.com/a--b:TAG', 'example.com', 'a--b', 'TAG', undefined],
  ])('%s → %s %s %s', (text, registry, repository, tag, digest) => {
    const ref = parseReference(text);
    expect(ref).toEqual({
      registry,
      repository,
      ...(tag !== undefined ? { tag } : {}),
      ...(digest !== undefined ? { digest } : {}),
    });
  });

  it.each([
    ['', /empty/],
    ['   ', /empty/],
    ['Debian', /lowercase.*"Debian".*use "debian"/],
    ['ghcr.io/Owner/App:1', /must be lowercase: "Owner\/App"/],
    ['app:-bad', /invalid tag "-bad"/],
    ['app:.bad', /invalid tag "\.bad"/],
    [`app:${'x'.repeat(129)}`, /invalid tag/],
    ['app:a+b', /invalid tag "a\+b"/],
    ['app@sha256:abc', /invalid digest "sha256:abc".*64 lowercase hexadecimal/],
    [`app@sha256:${'A'.repeat(64)}`, /invalid digest/],
    [`app@md5:${'a'.repeat(32)}`, /invalid digest/],
    ['ghcr.io/', /repository name is missing/],
    ['ghcr.io//app', /empty path component/],
    ['example.com/a_-b', /invalid repository path component "a_-b"/],
    ['example.com/-a', /invalid repository path component "-a"/],
    ['bad_host.com:x/app', /invalid/],
    ['app name', /whitespace/],
    [`example.com/${'a'.repeat(250)}`, /longer than 255/],
  ])('refuses %j with a clear reason', (text, reason) => {
    const result = tryParseReference(text);
    expect(result.ok).toBe(false);
    expect(() => parseReference(text)).toThrow(reason);
    expect(() => parseReference(text)).toThrow(UsageError);
  });

  it('names the reference and suggests the fix in the error', () => {
    const error = (() => {
      try {
        parseReference('127.0.0.1:5050/MyApp:1');
      } catch (e) {
        return e as InvalidReferenceError;
      }
      throw new Error('no error');
    })();
    expect(error).toBeInstanceOf(InvalidReferenceError);
    expect(error.message).toBe(
      'invalid image reference "127.0.0.1:5050/MyApp:1": repository name must be lowercase: "MyApp" (use "myapp")',
    );
    expect(error.problem.hint).toBe('use "myapp"');
  });
});

describe('reference helpers', () => {
  it.each([
    ['debian', 'docker.io/library/debian'],
    ['debian:12', 'docker.io/library/debian:12'],
    [`127.0.0.1:5050/a:1@${D}`, `127.0.0.1:5050/a:1@${D}`],
  ])('formats %s as %s', (text, expected) => {
    expect(formatReference(parseReference(text))).toBe(expected);
  });

  it.each([
    ['debian', 'latest'],
    ['debian:12', '12'],
    [`debian:12@${D}`, D],
  ])('asks the registry for %s as %s', (text, expected) => {
    expect(manifestReference(parseReference(text))).toBe(expected);
  });

  it.each([
    ['docker.io', 'registry-1.docker.io'],
    ['ghcr.io', 'ghcr.io'],
    ['127.0.0.1:5050', '127.0.0.1:5050'],
  ])('sends API calls for %s to %s', (registry, host) => {
    expect(apiHost(registry)).toBe(host);
  });

  it.each([
    ['localhost', true],
    ['localhost:5000', true],
    ['127.0.0.1:5050', true],
    ['127.1.2.3', true],
    ['[::1]:5000', true],
    ['localhost.example.com', false],
    ['10.0.0.1:5000', false],
    ['ghcr.io', false],
  ])('%s is loopback: %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });

  it('refuses an invalid tag when building a reference', () => {
    expect(() => withTag({ registry: 'ghcr.io', repository: 'o/r' }, 'bad tag')).toThrow(/invalid tag "bad tag"/);
  });
});
