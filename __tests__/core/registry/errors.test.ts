import { hintForStatus, parseRegistryErrorBody, RegistryError, withAttempts } from '../../../src/core/registry/errors';
import { OperationError } from '../../../src/core/shared/errors';
import { clearRegisteredSecrets, registerSecret } from '../../../src/core/shared/redact';

afterEach(() => clearRegisteredSecrets());

describe('RegistryError', () => {
  it('names registry, repository, operation, status and the registry error', () => {
    const error = new RegistryError({
      registry: '127.0.0.1:5050',
      repository: 'team/app',
      operation: 'PUT manifest 1.2',
      status: 400,
      code: 'MANIFEST_INVALID',
      registryMessage: 'manifest invalid',
      hint: 'check the manifest',
    });
    expect(error).toBeInstanceOf(OperationError);
    expect(error.exitCode).toBe(1);
    expect(error.message).toBe(
      'registry 127.0.0.1:5050/team/app: PUT manifest 1.2 failed: HTTP 400 MANIFEST_INVALID (manifest invalid); check the manifest',
    );
  });

  it('says how many attempts were made', () => {
    const error = new RegistryError({ registry: 'r', operation: 'GET manifest x', reason: 'socket hang up' });
    expect(withAttempts(error, 5).message).toBe('registry r: GET manifest x failed: socket hang up after 5 attempts');
  });

  it('never shows a registered secret or an auth header, whatever the registry echoes back', () => {
    registerSecret('hunter2-secret');
    const error = new RegistryError({
      registry: 'r',
      operation: 'GET manifest x',
      status: 401,
      registryMessage: 'bad password hunter2-secret; Authorization: Basic dXNlcjpodW50ZXIy',
    });
    expect(error.message).not.toContain('hunter2-secret');
    expect(error.message).not.toContain('dXNlcjpodW50ZXIy');
    expect(error.registryMessage).not.toContain('hunter2-secret');
  });
});

describe('registry error bodies and hints', () => {
  it.each([
    [
      '{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown","detail":{}}]}',
      { code: 'MANIFEST_UNKNOWN', message: 'manifest unknown' },
    ],
    ['{"errors":[]}', {}],
    ['not json', {}],
    ['', {}],
  ])('%s', (body, expected) => {
    expect(parseRegistryErrorBody(Buffer.from(body))).toEqual(expected);
  });

  it.each([
    [401, /credentials for ghcr.io/],
    [403, /lack access/],
    [429, /rate limiting/],
    [503, /failing or unavailable/],
  ])('HTTP %i hint', (status, hint) => {
    expect(hintForStatus(status, 'ghcr.io')).toMatch(hint);
  });
  it('has no generic hint for a 404', () => {
    expect(hintForStatus(404, 'ghcr.io')).toBeUndefined();
  });
});
