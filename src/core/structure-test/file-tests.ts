/**
 * The tests that need no container: file existence, file contents, licenses and metadata, all answered from the
 * image archive. The file system is indexed once and every file any test reads is fetched in one batch.
 */
import type { TestCaseResult } from '../records/records';
import type { DockerArchive } from './archive/docker-archive';
import type { FsNode } from './archive/fs-node';
import { ImageFilesystem } from './archive/image-filesystem';
import type { CheckOutcome } from './checks/check-outcome';
import { checkFileContent, checkFileExistence, fileForContentTest } from './checks/file-checks';
import { checkLicenses, licenseFiles } from './checks/license-check';
import { checkMetadata } from './checks/metadata-check';
import type { StructureTestConfig } from './config/types';
import { envListToMap } from './env-expansion';

export async function runArchiveTests(archive: DockerArchive, config: StructureTestConfig): Promise<TestCaseResult[]> {
  const results: TestCaseResult[] = [];
  const needsFiles = config.fileExistenceTests.length + config.fileContentTests.length + config.licenseTests.length > 0;
  if (needsFiles) {
    const fs = await ImageFilesystem.load(archive);
    const contents = await fs.readFiles(filesToRead(fs, config));
    const imageEnv = envListToMap(archive.config.config?.Env);
    for (const test of config.fileExistenceTests) {
      results.push(timed('fileExistenceTests', test.name, () => checkFileExistence(fs, test, imageEnv)));
    }
    for (const test of config.fileContentTests) {
      results.push(timed('fileContentTests', test.name, () => checkFileContent(fs, test, contents)));
    }
    config.licenseTests.forEach((test, index) => {
      const name = config.licenseTests.length > 1 ? `License Test ${index + 1}` : 'License Test';
      results.push(timed('licenseTests', name, () => checkLicenses(fs, test, contents)));
    });
  }
  const metadataTest = config.metadataTest;
  if (metadataTest)
    results.push(timed('metadataTest', 'Metadata Test', () => checkMetadata(archive.config, metadataTest)));
  return results;
}

function filesToRead(fs: ImageFilesystem, config: StructureTestConfig): FsNode[] {
  const paths = [
    ...config.fileContentTests.map((test) => test.path),
    ...config.licenseTests.flatMap((t) => licenseFiles(fs, t)),
  ];
  const nodes: FsNode[] = [];
  for (const path of paths) {
    const file = fileForContentTest(fs, path);
    if (file.node) nodes.push(file.node);
  }
  return nodes;
}

export function timed(kind: string, name: string, check: () => CheckOutcome): TestCaseResult {
  const started = performance.now();
  const outcome = check();
  return { kind, name, status: outcome.status, durationMs: elapsed(started), message: outcome.message };
}

export function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 100) / 100;
}
