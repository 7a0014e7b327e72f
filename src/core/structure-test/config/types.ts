/**
 * A container-structure-test config (schema version 2.0.0) after validation: every field has its default, every
 * regular expression is compiled. Field names follow the real tool's YAML keys (pkg/types/v2 of
 * GoogleContainerTools/container-structure-test).
 */
import type { ExecutableBy } from '../file-mode';

/** A regular expression with the text the user wrote, for messages. */
export interface Pattern {
  source: string;
  regexp: RegExp;
}

/** `{key, value}` pairs of globalEnvVars and commandTests[].envVars; values may refer to image variables. */
export interface EnvVarSpec {
  key: string;
  value: string;
}

/** metadataTest envVars and labels: exact values, or regular expressions with `isRegex: true`. */
export interface ExpectedValue {
  key: string;
  value: string;
  pattern?: Pattern;
}

export interface CommandTestSpec {
  name: string;
  setup: string[][];
  teardown: string[][];
  envVars: EnvVarSpec[];
  command: string;
  args: string[];
  exitCode: number;
  expectedOutput: Pattern[];
  excludedOutput: Pattern[];
  expectedError: Pattern[];
  excludedError: Pattern[];
}

export interface FileExistenceTestSpec {
  name: string;
  path: string;
  shouldExist: boolean;
  permissions?: string;
  uid?: number;
  gid?: number;
  isExecutableBy?: ExecutableBy;
}

export interface FileContentTestSpec {
  name: string;
  path: string;
  expectedContents: Pattern[];
  excludedContents: Pattern[];
}

export interface MetadataTestSpec {
  envVars: ExpectedValue[];
  unboundEnvVars: string[];
  labels: ExpectedValue[];
  exposedPorts: string[];
  unexposedPorts: string[];
  volumes: string[];
  unmountedVolumes: string[];
  entrypoint?: string[];
  cmd?: string[];
  workdir?: string;
  user?: string;
}

export interface LicenseTestSpec {
  debian: boolean;
  files: string[];
}

/** How command-test containers are started (`containerRunOptions`). */
export interface ContainerRunOptionsSpec {
  user?: string;
  privileged: boolean;
  allocateTty: boolean;
  /** Names of host environment variables passed into the container. */
  envVars: string[];
  envFile?: string;
  capabilities: string[];
  bindMounts: string[];
}

export interface StructureTestConfig {
  file: string;
  schemaVersion: string;
  globalEnvVars: EnvVarSpec[];
  commandTests: CommandTestSpec[];
  fileExistenceTests: FileExistenceTestSpec[];
  fileContentTests: FileContentTestSpec[];
  metadataTest?: MetadataTestSpec;
  licenseTests: LicenseTestSpec[];
  containerRunOptions?: ContainerRunOptionsSpec;
}

export const SUPPORTED_SCHEMA_VERSIONS = ['2.0.0'] as const;
