import {
  formatScope,
  mergeScopes,
  parseScopes,
  parseWwwAuthenticate,
  scopesCover,
  type AuthScope,
} from '../../../src/core/registry/auth-challenge';

describe('parseWwwAuthenticate', () => {
  it.each([
    ['Basic realm="test"', [{ scheme: 'basic', params: { realm: 'test' } }]],
    [
      'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:samalba/my-app:pull,push"',
      [
        {
          scheme: 'bearer',
          params: {
            realm: 'https://auth.docker.io/token',
            service: 'registry.docker.io',
            scope: 'repository:samalba/my-app:pull,push',
          },
        },
      ],
    ],
    [
      'Bearer realm="http://127.0.0.1:1/token", service="test-registry", error="insufficient_scope"',
      [
        {
          scheme: 'bearer',
          params: { realm: 'http://127.0.0.1:1/token', service: 'test-registry', error: 'insufficient_scope' },
        },
      ],
    ],
    [
      'Basic realm="a, b", Bearer realm="r",service=s',
      [
        { scheme: 'basic', params: { realm: 'a, b' } },
        { scheme: 'bearer', params: { realm: 'r', service: 's' } },
      ],
    ],
    ['BEARER Realm="x"', [{ scheme: 'bearer', params: { realm: 'x' } }]],
    ['Basic realm="with \\"quotes\\""', [{ scheme: 'basic', params: { realm: 'with "quotes"' } }]],
    ['', []],
  ])('%s', (header, expected) => {
    expect(parseWwwAuthenticate(header)).toEqual(expected);
  });
});

describe('scopes', () => {
  const pull = (repository: string): AuthScope => ({ repository, actions: ['pull'] });
  const push = (repository: string): AuthScope => ({ repository, actions: ['push', 'pull'] });

  it('formats scopes with sorted, unique actions', () => {
    expect(formatScope({ repository: 'team/app', actions: ['push', 'pull', 'push'] })).toBe(
      'repository:team/app:pull,push',
    );
  });

  it('parses the scope parameter of a challenge', () => {
    expect(parseScopes('repository:a/b:pull,push repository(plugin):c:pull')).toEqual([
      { repository: 'a/b', actions: ['pull', 'push'] },
      { repository: 'c', actions: ['pull'] },
    ]);
    expect(parseScopes(undefined)).toEqual([]);
  });

  it('merges scopes per repository', () => {
    expect(mergeScopes([pull('b'), pull('a')], [push('a')])).toEqual([
      { repository: 'a', actions: ['pull', 'push'] },
      { repository: 'b', actions: ['pull'] },
    ]);
  });

  it.each([
    [[push('a')], [pull('a')], true],
    [[pull('a')], [push('a')], false],
    [[push('a')], [pull('b')], false],
    [[push('a'), pull('b')], [pull('a'), pull('b')], true],
    [[{ repository: 'a', actions: ['*'] } as AuthScope], [push('a')], true],
    [[pull('a')], [], true],
  ])('%j covers %j: %s', (granted, wanted, expected) => {
    expect(scopesCover(granted, wanted)).toBe(expected);
  });
});
