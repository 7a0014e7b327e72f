/** Reading of the test sections of a structure-test config (one function per test kind). */
import type { FieldPath } from '../../config/field-path';
import { didYouMean } from '../../shared/did-you-mean';
import { EXECUTABLE_BY, type ExecutableBy } from '../file-mode';
import type { FieldReader } from './field-reader';
import type {
  CommandTestSpec,
  EnvVarSpec,
  ExpectedValue,
  FileContentTestSpec,
  FileExistenceTestSpec,
  LicenseTestSpec,
  MetadataTestSpec,
} from './types';

const ENV_VAR_KEYS = ['key', 'value', 'isRegex'] as const;
const COMMAND_KEYS = [
  'name',
  'setup',
  'teardown',
  'envVars',
  'exitCode',
  'command',
  'args',
  'expectedOutput',
  'excludedOutput',
  'expectedError',
  'excludedError',
] as const;
const FILE_EXISTENCE_KEYS = ['name', 'path', 'shouldExist', 'permissions', 'uid', 'gid', 'isExecutableBy'] as const;
const FILE_CONTENT_KEYS = ['name', 'path', 'expectedContents', 'excludedContents'] as const;
const METADATA_KEYS = [
  'envVars',
  'unboundEnvVars',
  'exposedPorts',
  'unexposedPorts',
  'entrypoint',
  'cmd',
  'workdir',
  'volumes',
  'unmountedVolumes',
  'labels',
  'user',
] as const;
/** Keys older releases of the real tool used (renamed in v1.14, 2022), with their current names. */
const METADATA_RENAMED = { env: 'envVars', unboundEnv: 'unboundEnvVars' };
const LICENSE_KEYS = ['debian', 'files'] as const;
/** Go's FileMode.String(): type letters (or `-`) then nine permission characters. */
const PERMISSIONS = /^(-|[dalTLDpSugct?]+)([r-][w-][x-]){3}$/;

export function readEnvVars(reader: FieldReader, value: unknown, path: FieldPath): EnvVarSpec[] {
  return reader.list(value, path, (item, at) => {
    const map = reader.mapping(item, at, ENV_VAR_KEYS);
    if (!map) return undefined;
    reader.bool(map.isRegex, [...at, 'isRegex']);
    const key = reader.string(map.key, [...at, 'key'], true);
    const envValue = reader.string(map.value, [...at, 'value']) ?? '';
    return key === undefined ? undefined : { key, value: envValue };
  });
}

export function readCommandTest(reader: FieldReader, value: unknown, path: FieldPath): CommandTestSpec | undefined {
  const map = reader.mapping(value, path, COMMAND_KEYS);
  if (!map) return undefined;
  const name = reader.string(map.name, [...path, 'name'], true);
  const command = reader.string(map.command, [...path, 'command'], true);
  const test: CommandTestSpec = {
    name: name ?? '',
    setup: reader.commandList(map.setup, [...path, 'setup']),
    teardown: reader.commandList(map.teardown, [...path, 'teardown']),
    envVars: readEnvVars(reader, map.envVars, [...path, 'envVars']),
    command: command ?? '',
    args: reader.stringList(map.args, [...path, 'args']),
    exitCode: reader.int(map.exitCode, [...path, 'exitCode']) ?? 0,
    expectedOutput: reader.patternList(map.expectedOutput, [...path, 'expectedOutput']),
    excludedOutput: reader.patternList(map.excludedOutput, [...path, 'excludedOutput']),
    expectedError: reader.patternList(map.expectedError, [...path, 'expectedError']),
    excludedError: reader.patternList(map.excludedError, [...path, 'excludedError']),
  };
  return name !== undefined && command !== undefined ? test : undefined;
}

export function readFileExistenceTest(
  reader: FieldReader,
  value: unknown,
  path: FieldPath,
): FileExistenceTestSpec | undefined {
  const map = reader.mapping(value, path, FILE_EXISTENCE_KEYS);
  if (!map) return undefined;
  const name = reader.string(map.name, [...path, 'name'], true);
  const filePath = reader.string(map.path, [...path, 'path'], true);
  const permissions = reader.string(map.permissions, [...path, 'permissions']);
  if (permissions !== undefined && !PERMISSIONS.test(permissions)) {
    reader.problem(
      [...path, 'permissions'],
      `"${permissions}" is not a permission string`,
      'write it as `ls -l` shows it, e.g. "-rw-r--r--" for a file or "drwxr-xr-x" for a directory',
    );
  }
  const test: FileExistenceTestSpec = {
    name: name ?? '',
    path: filePath ?? '',
    // The real tool defaults shouldExist to true when it is left out.
    shouldExist: reader.bool(map.shouldExist, [...path, 'shouldExist']) ?? true,
    permissions,
    uid: ownership(reader.int(map.uid, [...path, 'uid'])),
    gid: ownership(reader.int(map.gid, [...path, 'gid'])),
    isExecutableBy: executableBy(reader, map.isExecutableBy, [...path, 'isExecutableBy']),
  };
  return name !== undefined && filePath !== undefined ? test : undefined;
}

/** -1 is the real tool's "not checked". */
function ownership(id: number | undefined): number | undefined {
  return id === undefined || id === -1 ? undefined : id;
}

function executableBy(reader: FieldReader, value: unknown, path: FieldPath): ExecutableBy | undefined {
  const text = reader.string(value, path);
  if (text === undefined) return undefined;
  if ((EXECUTABLE_BY as readonly string[]).includes(text)) return text as ExecutableBy;
  const suggestion = didYouMean(text, EXECUTABLE_BY);
  reader.problem(
    path,
    `"${text}" is not one of ${EXECUTABLE_BY.join(', ')}`,
    suggestion ? `did you mean "${suggestion}"?` : undefined,
  );
  return undefined;
}

export function readFileContentTest(
  reader: FieldReader,
  value: unknown,
  path: FieldPath,
): FileContentTestSpec | undefined {
  const map = reader.mapping(value, path, FILE_CONTENT_KEYS);
  if (!map) return undefined;
  const name = reader.string(map.name, [...path, 'name'], true);
  const filePath = reader.string(map.path, [...path, 'path'], true);
  const test: FileContentTestSpec = {
    name: name ?? '',
    path: filePath ?? '',
    expectedContents: reader.patternList(map.expectedContents, [...path, 'expectedContents']),
    excludedContents: reader.patternList(map.excludedContents, [...path, 'excludedContents']),
  };
  return name !== undefined && filePath !== undefined ? test : undefined;
}

export function readMetadataTest(reader: FieldReader, value: unknown, path: FieldPath): MetadataTestSpec | undefined {
  const map = reader.mapping(value, path, METADATA_KEYS, METADATA_RENAMED);
  if (!map) return undefined;
  const optionalList = (key: string) =>
    map[key] === undefined || map[key] === null ? undefined : reader.stringList(map[key], [...path, key]);
  return {
    envVars: readExpectedValues(reader, map.envVars, [...path, 'envVars']),
    unboundEnvVars: readExpectedValues(reader, map.unboundEnvVars, [...path, 'unboundEnvVars']).map((v) => v.key),
    labels: readExpectedValues(reader, map.labels, [...path, 'labels']),
    exposedPorts: reader.stringList(map.exposedPorts, [...path, 'exposedPorts'], true),
    unexposedPorts: reader.stringList(map.unexposedPorts, [...path, 'unexposedPorts'], true),
    volumes: reader.stringList(map.volumes, [...path, 'volumes'], true),
    unmountedVolumes: reader.stringList(map.unmountedVolumes, [...path, 'unmountedVolumes'], true),
    entrypoint: optionalList('entrypoint'),
    cmd: optionalList('cmd'),
    workdir: reader.string(map.workdir, [...path, 'workdir']),
    user: reader.string(map.user, [...path, 'user']),
  };
}

function readExpectedValues(reader: FieldReader, value: unknown, path: FieldPath): ExpectedValue[] {
  return reader.list(value, path, (item, at) => {
    const map = reader.mapping(item, at, ENV_VAR_KEYS);
    if (!map) return undefined;
    const key = reader.string(map.key, [...at, 'key'], true);
    const expected = reader.string(map.value, [...at, 'value']) ?? '';
    const isRegex = reader.bool(map.isRegex, [...at, 'isRegex']) ?? false;
    const pattern = isRegex ? reader.pattern(expected, [...at, 'value']) : undefined;
    if (key === undefined || (isRegex && !pattern)) return undefined;
    return { key, value: expected, pattern };
  });
}

export function readLicenseTest(reader: FieldReader, value: unknown, path: FieldPath): LicenseTestSpec | undefined {
  const map = reader.mapping(value, path, LICENSE_KEYS);
  if (!map) return undefined;
  return {
    debian: reader.bool(map.debian, [...path, 'debian']) ?? false,
    files: reader.stringList(map.files, [...path, 'files'], true),
  };
}

/** Whether a metadata test checks anything (the real tool skips an empty one). */
export function metadataTestIsEmpty(test: MetadataTestSpec): boolean {
  return (
    test.envVars.length + test.unboundEnvVars.length + test.labels.length === 0 &&
    test.exposedPorts.length + test.unexposedPorts.length + test.volumes.length + test.unmountedVolumes.length === 0 &&
    test.entrypoint === undefined &&
    test.cmd === undefined &&
    !test.workdir &&
    !test.user
  );
}
