/** The structure-test module's public surface: image tests from the archive, command tests in a runtime, reports. */
export {
  runStructureTests,
  structureTestsPassed,
  type StructureTestInput,
  type StructureTestOutcome,
} from './run-structure-tests';
export { loadStructureTestConfig, parseStructureTestConfig } from './config/parse-config';
export type { StructureTestConfig } from './config/types';
export { renderJUnitXml, type JUnitOptions } from './report/junit-xml';
export { renderTestReportJson, writeTestReports } from './report/write-reports';
export { summarizeTestReport } from './report/summary';
export { selectRuntime, type RuntimeSelection, type RuntimeSelectionOptions } from './runtime/select-runtime';
export type { ContainerRuntime, RuntimeName } from './runtime/container-runtime';
export { RUNTIME_NAMES } from './runtime/container-runtime';
export { openDockerArchive, type DockerArchive, type ImageConfigFile } from './archive/docker-archive';
export { ImageFilesystem } from './archive/image-filesystem';
