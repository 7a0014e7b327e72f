/**
 * `image-manager test` end to end on images the real build made and pushed (amd64 and, under qemu, arm64): passing
 * and failing tests of every kind, exit codes, report files promote accepts or refuses, one JUnit file for a run,
 * command tests skipped on purpose or without a runtime, and the HTML report refreshed as results appear.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { TestReport } from '../../src/core/records/records';
import {
  buildProject,
  buildRecord,
  checksEnv,
  checksProject,
  imageManager,
  platformDir,
  readJson,
  testReport,
  type ChecksProject,
} from '../core/image-checks/support/checks-project';
import { TEST_IMAGES } from '../core/image-checks/support/test-images';

const SNAPSHOT = 'ci-1';
const ARCHES = ['amd64', 'arm64'] as const;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function parseJUnit(file: string): Json {
  const xml = readFileSync(file, 'utf8');
  expect(XMLValidator.validate(xml)).toBe(true);
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    isArray: (name) => name === 'testsuite' || name === 'testcase',
  }).parse(xml);
}

let project: ChecksProject;
beforeAll(async () => {
  project = await checksProject(TEST_IMAGES);
  await buildProject(project, SNAPSHOT);
  // An HTML catalog exists, so test has to refresh it.
  expect((await imageManager(['report'], { cwd: project.root })).code).toBe(0);
}, 600000);

const run = (args: string[], env?: NodeJS.ProcessEnv) => imageManager(args, { cwd: project.root, env });

describe('image-manager test', () => {
  it('tests every built platform from its archive, prints each test, writes reports that promote accepts', async () => {
    const result = await run(['test', 'good', '--snapshot-id', SNAPSHOT]);
    expect({ code: result.code, stderr: result.stderr }).toMatchObject({ code: 0 });
    for (const arch of ARCHES) {
      expect(result.stdout).toContain(`good:1.0 linux/${arch} ← dist/good/1.0/linux-${arch}/image.tar`);
      expect(result.stdout).toMatch(
        new RegExp(`PASSED good:1\\.0 linux/${arch}: 6 passed, 0 failed in [\\d.]+ s \\(command tests: podman `),
      );
      const report = testReport(project.root, 'good', '1.0', arch);
      const build = buildRecord(project.root, 'good', '1.0', arch);
      // Names exactly the image tested: this snapshot's platform tag and the digest the build pushed.
      expect(report.ref).toBe(`${build.ref}@${build.digest}`);
      expect(build.ref).toMatch(new RegExp(`/good:1\\.0-${SNAPSHOT}-linux-${arch}$`));
      expect(report).toMatchObject({
        image: 'good',
        tag: '1.0',
        platform: `linux/${arch}`,
        commandTestsSkipped: false,
      });
      expect(report.summary).toMatchObject({ passed: 6, failed: 0, errors: 0, notRun: 0 });
      const junit = parseJUnit(path.join(platformDir(project.root, 'good', '1.0', arch), 'junit.xml'));
      expect(junit.testsuites.testsuite[0]).toMatchObject({
        name: `good:1.0 linux/${arch}`,
        tests: '6',
        failures: '0',
      });
    }
    expect(result.stdout).toMatch(/^ {2}PASS {5}commandTests: runs on its own architecture \(\d+ ms\)$/m);
    expect(result.stdout).toMatch(/^PASSED 2 platform images tested: 2 passed, 0 failed$/m);
    expect(readFileSync(path.join(project.root, 'dist/good/1.0/index.html'), 'utf8')).toContain(
      'Command tests ran with <code>podman',
    );

    const promoted = await run(['promote', 'good', '--snapshot-id', SNAPSHOT]);
    expect({ code: promoted.code, stderr: promoted.stderr }).toMatchObject({ code: 0 });
    expect(promoted.stdout).toContain('2 test reports passed');
  }, 300000);

  it('fails on any mismatch, says what differed, and writes one JUnit file with a testsuite per tag and platform', async () => {
    const result = await run([
      'test',
      'bad',
      'good',
      '--snapshot-id',
      SNAPSHOT,
      '--report',
      'junit',
      '--output',
      'out/junit.xml',
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('  FAIL     fileExistenceTests: FAIL a file that is not there');
    expect(result.stdout).toContain('           /etc/not-there does not exist in the image');
    expect(result.stdout).toContain('the contents of /etc/bad-info was "bad 1.0\\n"');
    expect(result.stdout).toContain('environment variable GREETING is "hello", expected "bonjour"');
    expect(result.stdout).toContain('/usr/share/doc/evil/copyright mentions AGPL');
    expect(result.stdout).toContain('exit code was 3, expected 0; stderr was "boom\\n"');
    // The arm64 image really ran as arm64 (under qemu); the amd64 one did not.
    const arm64 = testReport(project.root, 'bad', '1.0', 'arm64');
    const amd64 = testReport(project.root, 'bad', '1.0', 'amd64');
    const status = (report: TestReport, name: string) => report.tests.find((t) => t.name === name)?.status;
    expect(status(arm64, 'is an arm64 machine')).toBe('passed');
    expect(status(amd64, 'is an arm64 machine')).toBe('failed');
    expect(amd64.tests.find((t) => t.name === 'is an arm64 machine')?.message).toContain('stdout was "x86_64\\n"');
    expect(amd64.summary).toMatchObject({ passed: 1, failed: 6, errors: 0, notRun: 0 });
    expect(result.stdout).toMatch(/^FAILED 4 platform images tested: 2 passed, 2 failed$/m);

    const junit = parseJUnit(path.join(project.root, 'out/junit.xml'));
    const suites = junit.testsuites.testsuite as Json[];
    expect(suites.map((s) => s.name)).toEqual([
      'bad:1.0 linux/amd64',
      'bad:1.0 linux/arm64',
      'good:1.0 linux/amd64',
      'good:1.0 linux/arm64',
    ]);
    expect(suites.map((s) => [s.tests, s.failures])).toEqual([
      ['7', '6'],
      ['7', '5'],
      ['6', '0'],
      ['6', '0'],
    ]);
    expect(junit.testsuites).toMatchObject({ tests: '26', failures: '11', errors: '0', skipped: '0' });
    const failing = suites[0].testcase.find((c: Json) => c.name === 'FAIL exit code');
    expect(failing.failure.message).toBe('exit code was 3, expected 0; stderr was "boom\\n"');

    const promoted = await run(['promote', 'bad', '--snapshot-id', SNAPSHOT]);
    expect(promoted.code).toBe(1);
    expect(promoted.stderr).toContain('tests failed on linux/amd64: 6 failed');
  }, 300000);

  it('reports a tag without test.yml as having no tests, without failing', async () => {
    const result = await run(['test', 'plain', '--snapshot-id', SNAPSHOT]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('PASSED 0 platform images tested: 0 passed, 0 failed; no tests: plain:1.0\n');
    expect(existsSync(path.join(platformDir(project.root, 'plain', '1.0', 'amd64'), 'test-report.json'))).toBe(false);
  }, 120000);

  it('--skip-command-tests: passes without them, says so in every report, JSON for the run', async () => {
    const result = await run([
      'test',
      'good',
      '--snapshot-id',
      SNAPSHOT,
      '--skip-command-tests',
      '--report',
      'json',
      '--output',
      'out/tests.json',
    ]);
    expect({ code: result.code, stderr: result.stderr }).toMatchObject({ code: 0 });
    expect(result.stdout).toMatch(/^ {2}NOT RUN {2}commandTests: greeting from the image environment \(0 ms\)$/m);
    const reports = readJson<TestReport[]>(path.join(project.root, 'out/tests.json'));
    expect(
      reports.map((r) => [r.platform, r.commandTestsSkipped, r.runtime, r.summary.notRun, r.summary.passed]),
    ).toEqual([
      ['linux/amd64', true, null, 2, 4],
      ['linux/arm64', true, null, 2, 4],
    ]);
    expect(reports[0]).toEqual(testReport(project.root, 'good', '1.0', 'amd64'));
    const junit = parseJUnit(path.join(platformDir(project.root, 'good', '1.0', 'amd64'), 'junit.xml'));
    expect(junit.testsuites.testsuite[0]).toMatchObject({ skipped: '2', errors: '0' });
  }, 300000);

  it('without any container runtime: command tests did not run, which fails the run', async () => {
    const result = await run(
      ['test', 'good', '--snapshot-id', SNAPSHOT, '--platform', 'amd64'],
      checksEnv({ PATH: '/nonexistent' }),
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('  NOT RUN  commandTests: greeting from the image environment (0 ms)');
    expect(result.stdout).toContain('not run: no container runtime is available (docker: ');
    expect(result.stdout).toContain('install podman or buildah');
    expect(result.stdout).toMatch(/^FAILED good:1\.0 linux\/amd64: 4 passed, 0 failed, 2 not run in/m);
    const report = testReport(project.root, 'good', '1.0', 'amd64');
    expect(report).toMatchObject({ runtime: null, commandTestsSkipped: false });
    expect(report.summary).toMatchObject({ passed: 4, notRun: 2 });
    const junit = parseJUnit(path.join(platformDir(project.root, 'good', '1.0', 'amd64'), 'junit.xml'));
    expect(junit.testsuites.testsuite[0]).toMatchObject({ errors: '2', skipped: '0' });
  }, 300000);

  it('pulls the image from the registry when the build record has no archive beside it', async () => {
    const build = buildRecord(project.root, 'bad', '1.0', 'arm64');
    const archive = path.join(platformDir(project.root, 'bad', '1.0', 'arm64'), 'image.tar');
    rmSync(archive);
    const result = await run(['test', 'bad', '--snapshot-id', SNAPSHOT, '--platform', 'linux/arm64']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`bad:1.0 linux/arm64 ← ${build.ref}@${build.digest} (pulled)`);
    expect(result.stderr).toMatch(
      new RegExp(`pulled ${build.ref.replace(/[.]/g, '\\.')}@${build.digest} \\(no image\\.tar in `),
    );
    const report = testReport(project.root, 'bad', '1.0', 'arm64');
    expect(report.ref).toBe(`${build.ref}@${build.digest}`);
    expect(report.tests.find((t) => t.name === 'is an arm64 machine')?.status).toBe('passed');
    expect(report.summary).toMatchObject({ passed: 2, failed: 5 });
  }, 300000);

  it('on another runner (dist/ from generate, no build records): pulls each platform by its tag', async () => {
    const runner = mkdtempSync(path.join(path.dirname(project.root), 'runner-'));
    cpSync(path.join(project.root, 'images'), path.join(runner, 'images'), { recursive: true });
    cpSync(path.join(project.root, '.image-manager.yml'), path.join(runner, '.image-manager.yml'));
    expect((await imageManager(['generate', '--snapshot-id', SNAPSHOT], { cwd: runner })).code).toBe(0);
    const result = await imageManager(['test', 'good', '--snapshot-id', SNAPSHOT], { cwd: runner });
    expect({ code: result.code, stderr: result.stderr }).toMatchObject({ code: 0 });
    for (const arch of ARCHES) {
      const build = buildRecord(project.root, 'good', '1.0', arch);
      expect(result.stdout).toContain(`good:1.0 linux/${arch} ← ${build.ref}@${build.digest} (pulled)`);
      const report = testReport(runner, 'good', '1.0', arch);
      expect(report.ref).toBe(`${build.ref}@${build.digest}`);
      expect(report.summary).toMatchObject({ passed: 6, failed: 0 });
    }
    expect(result.stderr).toContain('(no build.json in ');
  }, 300000);

  it('an image that cannot be fetched gets an error report naming it, exit 1', async () => {
    const dir = platformDir(project.root, 'good', '1.0', 'amd64');
    const record = buildRecord(project.root, 'good', '1.0', 'amd64');
    const missing = `sha256:${'0'.repeat(64)}`;
    writeFileSync(path.join(dir, 'build.json'), JSON.stringify({ ...record, digest: missing }));
    rmSync(path.join(dir, 'image.tar'));
    const result = await run(['test', 'good', '--snapshot-id', SNAPSHOT, '--platform', 'amd64']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`good:1.0 linux/amd64 ← ${record.ref}@${missing} (pulled)`);
    expect(result.stdout).toMatch(/^ {2}ERROR {4}setup: the image can be tested \(\d+ ms\)\n {11}.*404/m);
    const report = testReport(project.root, 'good', '1.0', 'amd64');
    expect(report).toMatchObject({ ref: `${record.ref}@${missing}`, runtime: null });
    expect(report.summary).toMatchObject({ passed: 0, failed: 0, errors: 1 });
    expect(result.stdout).toMatch(/^FAILED 1 platform image tested: 0 passed, 1 failed$/m);
  }, 120000);

  it('a snapshot that was never built: an error report per platform replaces the old ones, exit 1', async () => {
    const result = await run(['test', 'good', '--snapshot-id', 'never-built']);
    expect(result.code).toBe(1);
    for (const arch of ARCHES) {
      const report = testReport(project.root, 'good', '1.0', arch);
      expect(report.ref).toBe(`${project.registry}/good:1.0-never-built-linux-${arch}`);
      expect(report.summary).toMatchObject({ passed: 0, errors: 1 });
      expect(report.tests[0].message).toMatch(
        /^not built: .*build\.json is for .*good:1\.0-ci-1-linux-.*, not .*good:1\.0-never-built-linux-.* \(another snapshot\?\) and .* is not in the registry$/,
      );
    }
    expect(result.stdout).toMatch(/^FAILED 2 platform images tested: 0 passed, 2 failed$/m);
  }, 120000);
});
