import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ciCredentials } from '../../../src/core/registry/ci-credentials';
import {
  chainCredentials,
  explicitCredentials,
  registryHostOf,
  type CredentialProvider,
} from '../../../src/core/registry/credentials';
import { dockerConfigCredentials, dockerConfigPath } from '../../../src/core/registry/docker-config-credentials';
import { execProcess, type Exec } from '../../../src/core/shared/exec';
import { MemoryLogger } from '../../../src/core/shared/logger';
import { clearRegisteredSecrets, redact } from '../../../src/core/shared/redact';

afterEach(() => clearRegisteredSecrets());

describe('registryHostOf', () => {
  it.each([
    ['ghcr.io', 'ghcr.io'],
    ['ghcr.io/owner/repo', 'ghcr.io'],
    ['https://ghcr.io', 'ghcr.io'],
    ['https://index.docker.io/v1/', 'docker.io'],
    ['registry-1.docker.io', 'docker.io'],
    ['docker.io', 'docker.io'],
    ['http://127.0.0.1:5050/', '127.0.0.1:5050'],
    ['localhost:5050/team', 'localhost:5050'],
  ])('%s → %s', (input, expected) => {
    expect(registryHostOf(input)).toBe(expected);
  });
});

describe('explicit and CI credentials', () => {
  it('serves configured registries by host and registers the secrets', async () => {
    const provider = explicitCredentials([
      { url: 'ghcr.io/owner/repo', username: 'me', password: 'pa55-word' },
      { url: 'localhost:5050' },
    ]);
    expect(await provider.credentialsFor('ghcr.io')).toEqual({ kind: 'basic', username: 'me', password: 'pa55-word' });
    expect(await provider.credentialsFor('localhost:5050')).toBeUndefined();
    expect(redact('login with pa55-word')).toBe('login with ***');
    expect(redact(`Basic ${Buffer.from('me:pa55-word').toString('base64')}`)).toBe('Basic ***');
  });

  it.each([
    [{ GITHUB_TOKEN: 'ghs_abc', GITHUB_ACTOR: 'octocat' }, 'ghcr.io', { username: 'octocat', password: 'ghs_abc' }],
    [{ GITHUB_TOKEN: 'ghs_abc' }, 'ghcr.io', { username: 'github-actions', password: 'ghs_abc' }],
    [{ GITHUB_ACTOR: 'octocat' }, 'ghcr.io', undefined],
    [
      { CI_REGISTRY: 'registry.gitlab.com', CI_REGISTRY_USER: 'gitlab-ci-token', CI_REGISTRY_PASSWORD: 'glcbt-x' },
      'registry.gitlab.com',
      { username: 'gitlab-ci-token', password: 'glcbt-x' },
    ],
    [
      { CI_REGISTRY: 'gitlab.example.com:5050', CI_REGISTRY_USER: 'u', CI_REGISTRY_PASSWORD: 'p4ss' },
      'gitlab.example.com:5050',
      { username: 'u', password: 'p4ss' },
    ],
    [{ CI_REGISTRY: 'registry.gitlab.com' }, 'registry.gitlab.com', undefined],
    [{ GITHUB_TOKEN: 'ghs_abc' }, 'registry.gitlab.com', undefined],
  ])('CI environment %j for %s', async (env, registry, expected) => {
    const found = await ciCredentials(env).credentialsFor(registry);
    expect(found).toEqual(expected ? { kind: 'basic', ...expected } : undefined);
  });

  it('asks providers in order and remembers the answer', async () => {
    const calls: string[] = [];
    const counting = (name: string, answer?: string): CredentialProvider => ({
      name,
      credentialsFor: async (registry) => {
        calls.push(`${name}:${registry}`);
        return answer ? { kind: 'basic', username: name, password: answer } : undefined;
      },
    });
    const chain = chainCredentials(counting('first'), counting('second', 'pw-second'), counting('third', 'pw-third'));
    expect(await chain.credentialsFor('https://ghcr.io')).toEqual({
      kind: 'basic',
      username: 'second',
      password: 'pw-second',
    });
    await chain.credentialsFor('ghcr.io');
    expect(calls).toEqual(['first:ghcr.io', 'second:ghcr.io']);
  });
});

describe('docker config credentials', () => {
  let dir: string;
  let logger: MemoryLogger;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'im-docker-config-'));
    logger = new MemoryLogger();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs real processes, with `dir/bin` first on PATH so test credential helpers are found. */
  const execWithHelpers: Exec = (command, args, options) =>
    execProcess(command, args, {
      ...options,
      env: { ...process.env, PATH: `${path.join(dir, 'bin')}:${process.env.PATH}` },
    });

  function writeConfig(config: unknown): void {
    writeFileSync(path.join(dir, 'config.json'), JSON.stringify(config));
  }
  function writeHelper(name: string, script: string): void {
    mkdirSync(path.join(dir, 'bin'), { recursive: true });
    const file = path.join(dir, 'bin', `docker-credential-${name}`);
    writeFileSync(file, `#!/bin/sh\n${script}\n`);
    chmodSync(file, 0o755);
  }
  const provider = () => dockerConfigCredentials({ exec: execWithHelpers, logger, env: { DOCKER_CONFIG: dir } });

  it('finds the config where docker does', () => {
    expect(dockerConfigPath({ DOCKER_CONFIG: '/x' }, '/home/u')).toBe('/x/config.json');
    expect(dockerConfigPath({}, '/home/u')).toBe('/home/u/.docker/config.json');
  });

  it('reads auths entries: base64 auth, username/password, identity token, Docker Hub key', async () => {
    writeConfig({
      auths: {
        'registry.example.com': { auth: Buffer.from('alice:s3cr3t:with:colons').toString('base64') },
        'https://other.example.com': { username: 'bob', password: 'b0b-pass' },
        'id.example.com': { identitytoken: 'refresh-token-123' },
        'https://index.docker.io/v1/': { auth: Buffer.from('hub:hub-pass').toString('base64') },
      },
    });
    const p = provider();
    expect(await p.credentialsFor('registry.example.com')).toEqual({
      kind: 'basic',
      username: 'alice',
      password: 's3cr3t:with:colons',
    });
    expect(await p.credentialsFor('other.example.com')).toEqual({
      kind: 'basic',
      username: 'bob',
      password: 'b0b-pass',
    });
    expect(await p.credentialsFor('id.example.com')).toEqual({ kind: 'identity-token', token: 'refresh-token-123' });
    expect(await p.credentialsFor('docker.io')).toEqual({ kind: 'basic', username: 'hub', password: 'hub-pass' });
    expect(await p.credentialsFor('unknown.example.com')).toBeUndefined();
    expect(redact('s3cr3t:with:colons b0b-pass refresh-token-123')).toBe('*** *** ***');
  });

  it('runs the registry credential helper, then the default store', async () => {
    writeHelper(
      'pass',
      'read server; echo "{\\"ServerURL\\":\\"$server\\",\\"Username\\":\\"helper-user\\",\\"Secret\\":\\"from-$server\\"}"',
    );
    writeHelper('store', 'read server; echo "{\\"Username\\":\\"<token>\\",\\"Secret\\":\\"store-token-$server\\"}"');
    writeConfig({ credHelpers: { 'ghcr.io': 'pass' }, credsStore: 'store', auths: { 'quay.io': {} } });
    const p = provider();
    expect(await p.credentialsFor('ghcr.io')).toEqual({
      kind: 'basic',
      username: 'helper-user',
      password: 'from-ghcr.io',
    });
    expect(await p.credentialsFor('quay.io')).toEqual({ kind: 'identity-token', token: 'store-token-quay.io' });
    expect(await p.credentialsFor('docker.io')).toEqual({
      kind: 'identity-token',
      token: 'store-token-https://index.docker.io/v1/',
    });
  });

  it('continues anonymously with a warning when the helper is missing', async () => {
    writeConfig({ credsStore: 'not-installed-helper' });
    expect(await provider().credentialsFor('ghcr.io')).toBeUndefined();
    expect(logger.messages('warn')).toEqual([
      expect.stringMatching(
        /^credential helper docker-credential-not-installed-helper \(named in .*config\.json\) could not be run: .*command not found.*continuing without credentials for ghcr\.io$/,
      ),
    ]);
  });

  it('treats "credentials not found" as no credentials, quietly', async () => {
    writeHelper('empty', 'read server; echo "credentials not found in native keychain"; exit 1');
    writeConfig({ credsStore: 'empty' });
    expect(await provider().credentialsFor('ghcr.io')).toBeUndefined();
    expect(logger.messages('warn')).toEqual([]);
  });

  it('warns about a failing helper without printing its output', async () => {
    writeHelper('broken', 'read server; echo "secret-dump-xyz" >&2; exit 3');
    writeConfig({ credsStore: 'broken' });
    expect(await provider().credentialsFor('ghcr.io')).toBeUndefined();
    expect(logger.messages('warn')).toEqual([
      'credential helper docker-credential-broken failed (exit code 3); continuing without credentials for ghcr.io',
    ]);
  });

  it('has no credentials without a config file, and warns about a broken one', async () => {
    expect(await provider().credentialsFor('ghcr.io')).toBeUndefined();
    expect(logger.messages('warn')).toEqual([]);
    writeFileSync(path.join(dir, 'config.json'), '{ not json');
    expect(await provider().credentialsFor('ghcr.io')).toBeUndefined();
    expect(logger.messages('warn')).toEqual([expect.stringMatching(/config\.json is not valid JSON: ignoring it/)]);
  });
});
