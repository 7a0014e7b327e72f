/**
 * Loads a container-structure-test config (YAML or JSON, schema version 2.0.0) and validates all of it before any
 * test runs: unknown keys, wrong types, missing names and invalid regular expressions are reported together, each
 * with file, line and field, as one ConfigError.
 */
import { promises as fs } from 'node:fs';
import { parseYamlSource } from '../../config/literal-yaml';
import { ConfigError, ProblemCollector } from '../../shared/errors';
import { FieldReader } from './field-reader';
import {
  metadataTestIsEmpty,
  readCommandTest,
  readEnvVars,
  readFileContentTest,
  readFileExistenceTest,
  readLicenseTest,
  readMetadataTest,
} from './parse-tests';
import { SUPPORTED_SCHEMA_VERSIONS, type ContainerRunOptionsSpec, type StructureTestConfig } from './types';

const TOP_LEVEL_KEYS = [
  'schemaVersion',
  'globalEnvVars',
  'commandTests',
  'fileExistenceTests',
  'fileContentTests',
  'metadataTest',
  'licenseTests',
  'containerRunOptions',
] as const;
const RUN_OPTION_KEYS = [
  'user',
  'privileged',
  'allocateTty',
  'envVars',
  'envFile',
  'capabilities',
  'bindMounts',
] as const;

export async function loadStructureTestConfig(file: string): Promise<StructureTestConfig> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigError([
      { message: `cannot read the test config: ${(error as Error).message}`, location: { file } },
    ]);
  }
  return parseStructureTestConfig(text, file);
}

export function parseStructureTestConfig(text: string, file: string): StructureTestConfig {
  const source = parseYamlSource(text, file);
  const problems = new ProblemCollector();
  problems.addAll(source.problems);
  if (!source.parsed) problems.throwIfAny();
  const reader = new FieldReader(source, problems);
  if (source.data === null || source.data === undefined) {
    problems.add({
      message: 'the test config is empty',
      location: { file, line: 1 },
      hint: 'start with schemaVersion: "2.0.0"',
    });
    problems.throwIfAny();
  }
  const root = reader.mapping(source.data, [], TOP_LEVEL_KEYS);
  if (!root) {
    problems.throwIfAny();
    throw new ConfigError([{ message: 'the test config must be a mapping', location: { file, line: 1 } }]);
  }
  const schemaVersion = reader.string(root.schemaVersion, ['schemaVersion'], true);
  if (schemaVersion !== undefined && !(SUPPORTED_SCHEMA_VERSIONS as readonly string[]).includes(schemaVersion)) {
    reader.problem(
      ['schemaVersion'],
      `unsupported schema version "${schemaVersion}"`,
      `use ${SUPPORTED_SCHEMA_VERSIONS.map((v) => `"${v}"`).join(' or ')}`,
    );
  }
  const metadataTest = readMetadataTest(reader, root.metadataTest, ['metadataTest']);
  const config: StructureTestConfig = {
    file,
    schemaVersion: schemaVersion ?? '',
    globalEnvVars: readEnvVars(reader, root.globalEnvVars, ['globalEnvVars']),
    commandTests: reader.list(root.commandTests, ['commandTests'], (v, p) => readCommandTest(reader, v, p)),
    fileExistenceTests: reader.list(root.fileExistenceTests, ['fileExistenceTests'], (v, p) =>
      readFileExistenceTest(reader, v, p),
    ),
    fileContentTests: reader.list(root.fileContentTests, ['fileContentTests'], (v, p) =>
      readFileContentTest(reader, v, p),
    ),
    metadataTest: metadataTest && !metadataTestIsEmpty(metadataTest) ? metadataTest : undefined,
    licenseTests: reader.list(root.licenseTests, ['licenseTests'], (v, p) => readLicenseTest(reader, v, p)),
    containerRunOptions: readRunOptions(reader, root.containerRunOptions),
  };
  if (problems.empty && testCount(config) === 0) {
    problems.add({
      message: 'the config has no tests',
      location: { file, line: 1 },
      hint: 'add commandTests, fileExistenceTests, fileContentTests, metadataTest or licenseTests',
    });
  }
  problems.throwIfAny();
  return config;
}

function readRunOptions(reader: FieldReader, value: unknown): ContainerRunOptionsSpec | undefined {
  const path = ['containerRunOptions'];
  const map = reader.mapping(value, path, RUN_OPTION_KEYS);
  if (!map) return undefined;
  return {
    user: reader.string(map.user, [...path, 'user']),
    privileged: reader.bool(map.privileged, [...path, 'privileged']) ?? false,
    allocateTty: reader.bool(map.allocateTty, [...path, 'allocateTty']) ?? false,
    envVars: reader.stringList(map.envVars, [...path, 'envVars'], true),
    envFile: reader.string(map.envFile, [...path, 'envFile']),
    capabilities: reader.stringList(map.capabilities, [...path, 'capabilities'], true),
    bindMounts: reader.stringList(map.bindMounts, [...path, 'bindMounts'], true),
  };
}

export function testCount(config: StructureTestConfig): number {
  return (
    config.commandTests.length +
    config.fileExistenceTests.length +
    config.fileContentTests.length +
    config.licenseTests.length +
    (config.metadataTest ? 1 : 0)
  );
}
