/**
 * generate → build-platform → merge-manifest → sbom and test → publish, each run the way the GitHub runner runs it
 * (composite steps, the bundles in dist/), job by job as the generated workflow lays them out: one build job per
 * image and platform, each in its own fresh workspace, so the child image's job finds its parent only in the
 * registry and the sbom/test jobs pull what they check. Real buildah builds (arm64 through qemu), the real
 * registry (checked with skopeo), trivy for SBOMs and podman/buildah for command tests.
 */
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { BuildRecord, SbomRecord, TestReport } from '../../src/core/records/records';
import { registryManifest } from '../core/build/build-fixtures';
import type { BusyboxProject } from '../core/build-run/build-run-fixtures';
import type { ActionRun } from '../support/github-runner';
import { jobWorkspace, jsonOutput, pipelineProject, runStep, TOKEN } from './pipeline-fixtures';

const SNAPSHOT = 'run-7';
const PLATFORMS = ['linux/amd64', 'linux/arm64'] as const;

interface IndexManifest {
  manifests: Array<{ digest: string; platform: { architecture: string } }>;
}

function manifestExists(ref: string): boolean {
  try {
    registryManifest(ref);
    return true;
  } catch {
    return false;
  }
}

function record(workspace: string, image: string, tag: string, platform: string): BuildRecord {
  const file = path.join(workspace, 'dist', image, tag, platform.replace('/', '-'), 'build.json');
  return JSON.parse(readFileSync(file, 'utf8')) as BuildRecord;
}

describe('the step actions, job by job', () => {
  let project: BusyboxProject;
  const builds: Record<string, { run: ActionRun; workspace: string }> = {};
  const merges: Record<string, ActionRun> = {};
  const sboms: Record<string, { run: ActionRun; workspace: string }> = {};
  const tests: Record<string, { run: ActionRun; workspace: string }> = {};
  let refusedPublish: ActionRun;
  let releaseBeforePublish: boolean;
  let published: ActionRun;

  beforeAll(async () => {
    project = await pipelineProject();
    const generate = runStep('generate', { 'snapshot-id': SNAPSHOT }, project.root);
    expect(generate.log).not.toMatch(/::error/);
    for (const image of ['base', 'app']) {
      for (const platform of PLATFORMS) {
        const workspace = jobWorkspace(project.root);
        builds[`${image} ${platform}`] = {
          workspace,
          run: runStep('build-platform', { image, platform, 'snapshot-id': SNAPSHOT }, workspace),
        };
      }
    }
    for (const image of ['base', 'app']) {
      merges[image] = runStep('merge-manifest', { image, 'snapshot-id': SNAPSHOT }, jobWorkspace(project.root));
    }
    for (const platform of PLATFORMS) {
      for (const [kind, jobs] of [
        ['sbom', sboms],
        ['test', tests],
      ] as const) {
        const workspace = jobWorkspace(project.root);
        jobs[platform] = {
          workspace,
          run: runStep(kind, { image: 'app', platform, 'snapshot-id': SNAPSHOT }, workspace),
        };
      }
    }
    // The publish job with the test jobs' reports (as an artifact download would bring them): one report failed.
    const refused = jobWorkspace(project.root);
    collectTestReports(refused);
    const report = path.join(refused, 'dist/app/2.0.0-extra/linux-arm64/test-report.json');
    const failed = JSON.parse(readFileSync(report, 'utf8')) as TestReport;
    failed.tests[0].status = 'failed';
    failed.summary = { ...failed.summary, passed: failed.summary.passed - 1, failed: 1 };
    writeFileSync(report, JSON.stringify(failed));
    refusedPublish = runStep('publish', { 'snapshot-id': SNAPSHOT }, refused);
    releaseBeforePublish = manifestExists(`${project.registry}/app:2.0.0`);
    const workspace = jobWorkspace(project.root);
    collectTestReports(workspace);
    published = runStep('publish', { 'snapshot-id': SNAPSHOT }, workspace);
  }, 900_000);

  /** Copies every test report the test jobs wrote into `workspace`, as downloading their artifacts would. */
  function collectTestReports(workspace: string): void {
    for (const { workspace: from } of Object.values(tests)) {
      for (const tag of readdirSync(path.join(from, 'dist/app'))) {
        for (const slug of ['linux-amd64', 'linux-arm64']) {
          const file = path.join('dist/app', tag, slug, 'test-report.json');
          if (existsSync(path.join(from, file))) cpSync(path.join(from, file), path.join(workspace, file));
        }
      }
    }
  }

  it.each(Object.keys({ 'base linux/amd64': 0, 'base linux/arm64': 0, 'app linux/amd64': 0, 'app linux/arm64': 0 }))(
    'builds %s and reports what it pushed',
    (key) => {
      const { run, workspace } = builds[key];
      const [image, platform] = key.split(' ');
      const slug = platform.replace('/', '-');
      expect(run.log).not.toMatch(/::error/);
      expect(run.code).toBe(0);
      const tags = image === 'base' ? ['1.0'] : ['2.0.0', '2.0.0-extra'];
      const digests = jsonOutput<Record<string, string>>(run, 'digests');
      expect(Object.keys(digests)).toEqual(tags.map((tag) => `${image}:${tag}`));
      expect(jsonOutput<string[]>(run, 'refs')).toEqual(
        tags.map((tag) => `${project.registry}/${image}:${tag}-${SNAPSHOT}-${slug}`),
      );
      for (const tag of tags) {
        expect(registryManifest(`${project.registry}/${image}:${tag}-${SNAPSHOT}-${slug}`).digest).toBe(
          digests[`${image}:${tag}`],
        );
        expect(record(workspace, image, tag, platform).digest).toBe(digests[`${image}:${tag}`]);
      }
      expect(run.summary).toContain(`<h2>Build ${platform}</h2>`);
      expect(run.summary).toContain(`Pushed ${tags.length} platform image`);
      expect(run.summary).toContain('| Image | Tag | Platforms | Digest | Aliases | Tests | SBOM packages |');
      expect(run.summary).toMatch(
        new RegExp(`\\| ${image} \\| ${tags[0].replace(/\./g, '\\.')} \\| ✅ ${platform.slice(6)} `),
      );
      // Only this job's platform: the other one is another job's business.
      expect(run.summary).not.toContain('not built');
    },
  );

  it('sets up no emulation on the native platform and reuses the registered qemu handler for arm64', () => {
    expect(builds['base linux/amd64'].run.log).toContain('linux/amd64 runs natively on this x64 runner');
    expect(builds['base linux/arm64'].run.log).toContain(
      'linux/arm64 runs through the qemu-aarch64 binfmt_misc handler already registered on this x64 runner',
    );
  });

  it.each(PLATFORMS)('builds the child on %s from its parent in the registry (another job built it)', (platform) => {
    const base = jsonOutput<Record<string, string>>(builds[`base ${platform}`].run, 'digests')['base:1.0'];
    const app = record(builds[`app ${platform}`].workspace, 'app', '2.0.0', platform);
    expect(app.baseDigests).toEqual({ [`${project.registry}/base:1.0-${SNAPSHOT}`]: base });
  });

  it('masks the token and never prints it', () => {
    const jobs = [builds, sboms, tests].flatMap((kind) => Object.values(kind).map((job) => job.run));
    for (const run of [...jobs, ...Object.values(merges), published]) {
      expect(run.log).toContain(`::add-mask::${TOKEN}`);
      expect(run.log.split(TOKEN)).toHaveLength(2);
    }
  });

  it('merges each tag into a two-platform index and moves the snapshot aliases', () => {
    const run = merges.app;
    expect(run.log).not.toMatch(/::error/);
    expect(run.code).toBe(0);
    const digests = jsonOutput<Record<string, string>>(run, 'digests');
    expect(jsonOutput<string[]>(run, 'tags')).toEqual([
      `${project.registry}/app:2.0.0-${SNAPSHOT}`,
      `${project.registry}/app:2.0.0-extra-${SNAPSHOT}`,
    ]);
    expect(jsonOutput<string[]>(run, 'aliases').sort()).toEqual(
      ['2', '2-extra', '2.0', '2.0-extra'].map((alias) => `${project.registry}/app:${alias}-${SNAPSHOT}`).sort(),
    );
    const index = registryManifest(`${project.registry}/app:2.0.0-${SNAPSHOT}`);
    expect(index.digest).toBe(digests['app:2.0.0']);
    const entries = (index.manifest as unknown as IndexManifest).manifests;
    expect(entries.map((e) => [e.platform.architecture, e.digest]).sort()).toEqual(
      PLATFORMS.map((p) => [
        p.slice(6),
        jsonOutput<Record<string, string>>(builds[`app ${p}`].run, 'digests')['app:2.0.0'],
      ]),
    );
    expect(registryManifest(`${project.registry}/app:2-${SNAPSHOT}`).digest).toBe(digests['app:2.0.0']);
    expect(run.summary).toContain('<h2>Multi-platform images</h2>');
    expect(run.summary).toContain('| Image | Tag | State | Index digest | Platforms | Aliases |');
    expect(run.summary).toMatch(/\| app \| 2\.0\.0-run-7 \| ✅ published \| `sha256:[0-9a-f]{12}…` \| amd64 `sha256:/);
    expect(run.summary).toContain('| 2-run-7, 2.0-run-7 |');
  });

  it('changes nothing when merge-manifest runs again', () => {
    const again = runStep('merge-manifest', { image: 'base', 'snapshot-id': SNAPSHOT }, jobWorkspace(project.root));
    expect(again.code).toBe(0);
    expect(again.outputs.digests).toBe(merges.base.outputs.digests);
    expect(again.summary).toContain('| base | 1.0-run-7 | ✅ unchanged |');
    expect(again.summary).toContain('| 1-run-7 (unchanged) |');
  });

  it.each(PLATFORMS)(
    'writes an SBOM per tag of the %s image it pulled, and reports the files and counts',
    (platform) => {
      const { run, workspace } = sboms[platform];
      const slug = platform.replace('/', '-');
      expect(run.log).not.toMatch(/::error/);
      expect(run.code).toBe(0);
      expect(run.log).toContain('SBOM scanner: trivy');
      const files = ['2.0.0', '2.0.0-extra'].map((tag) => `dist/app/${tag}/${slug}/sbom.cyclonedx.json`);
      expect(run.outputs['sbom-file'].split('\n')).toEqual(files);
      for (const file of files) {
        const document = JSON.parse(readFileSync(path.join(workspace, file), 'utf8')) as {
          bomFormat: string;
          specVersion: string;
        };
        expect([document.bomFormat, document.specVersion]).toEqual(['CycloneDX', '1.5']);
      }
      const summary = JSON.parse(
        readFileSync(path.join(workspace, `dist/app/2.0.0/${slug}/sbom-summary.json`), 'utf8'),
      ) as SbomRecord;
      expect(summary.packages.map((p) => [p.name, p.version, p.type])).toEqual([
        ['hello-image-manager', '1.0-1', 'deb'],
      ]);
      const counts = jsonOutput<Record<string, Record<string, number>>>(run, 'package-counts');
      expect(counts['app:2.0.0']).toEqual({ [platform]: summary.packageCount });
      expect(Object.keys(counts)).toEqual(['app:2.0.0', 'app:2.0.0-extra']);
      expect(run.summary).toContain('<h2>SBOMs (trivy, cyclonedx-json)</h2>');
      expect(run.summary).toContain('2 SBOMs written.');
      expect(run.summary).not.toContain('not built');
      expect(run.summary).toMatch(
        new RegExp(`\\| app \\| 2\\.0\\.0 \\| .* \\| ${platform.slice(6)} ${summary.packageCount} \\|`),
      );
    },
  );

  it.each(PLATFORMS)('runs the image tests of the %s image, with a JUnit report and counts', (platform) => {
    const { run, workspace } = tests[platform];
    const slug = platform.replace('/', '-');
    expect(run.log).not.toMatch(/::error/);
    expect(run.code).toBe(0);
    expect(run.outputs.passed).toBe('6');
    expect(run.outputs.failed).toBe('0');
    expect(run.outputs['report-file']).toBe(`dist/test-reports/app-${slug}.junit.xml`);
    const junit = readFileSync(path.join(workspace, run.outputs['report-file']), 'utf8');
    expect(junit).toMatch(
      /<testsuites name="image-manager structure tests" tests="6" failures="0" errors="0" skipped="0"/,
    );
    expect(junit.match(/<testsuite /g)).toHaveLength(2);
    const report = JSON.parse(
      readFileSync(path.join(workspace, `dist/app/2.0.0/${slug}/test-report.json`), 'utf8'),
    ) as TestReport;
    expect(report.ref).toBe(
      `${project.registry}/app:2.0.0-${SNAPSHOT}-${slug}@${jsonOutput<Record<string, string>>(builds[`app ${platform}`].run, 'digests')['app:2.0.0']}`,
    );
    expect(report.tests.map((t) => [t.kind, t.name, t.status]).sort()).toEqual([
      ['commandTests', 'busybox runs', 'passed'],
      ['fileContentTests', 'app info comes from the base', 'passed'],
      ['fileExistenceTests', 'app info', 'passed'],
    ]);
    expect(run.summary).toContain(`<h2>Tests ${platform}</h2>`);
    expect(run.summary).toContain('6 passed, 0 did not pass.');
    // Built on another runner: shown with the digest the tests checked, not as "not built".
    const digest = jsonOutput<Record<string, string>>(builds[`app ${platform}`].run, 'digests')['app:2.0.0'];
    expect(run.summary).toContain(`| ✅ ${platform.slice(6)} | ${platform.slice(6)} \`${digest.slice(0, 19)}…\` |`);
    expect(run.summary).not.toContain('not built');
    expect(run.summary).toMatch(new RegExp(`\\| app \\| 2\\.0\\.0 \\| .* \\| ✅ ${platform.slice(6)} 3 passed`));
  });

  it('sets up emulation for the arm64 command tests the same way as for the build', () => {
    expect(tests['linux/amd64'].run.log).toContain('linux/amd64 runs natively');
    expect(tests['linux/arm64'].run.log).toContain('qemu-aarch64 binfmt_misc handler already registered');
  });

  it('refuses to publish anything when a test report failed', () => {
    expect(refusedPublish.code).toBe(1);
    expect(refusedPublish.log).toMatch(/::error::nothing was promoted:/);
    expect(refusedPublish.log).toContain('app:2.0.0-extra-run-7');
    expect(releaseBeforePublish).toBe(false);
  });

  it('publishes the tested snapshot as release tags with the same digests', () => {
    expect(published.log).not.toMatch(/::error/);
    expect(published.code).toBe(0);
    const snapshotDigests = {
      ...jsonOutput<Record<string, string>>(merges.base, 'digests'),
      ...jsonOutput<Record<string, string>>(merges.app, 'digests'),
    };
    expect(jsonOutput<Record<string, string>>(published, 'digests')).toEqual(snapshotDigests);
    expect(jsonOutput<string[]>(published, 'tags')).toEqual(
      ['base:1.0', 'app:2.0.0', 'app:2.0.0-extra'].map((t) => `${project.registry}/${t}`),
    );
    expect(jsonOutput<string[]>(published, 'aliases').sort()).toEqual(
      ['app:2', 'app:2-extra', 'app:2.0', 'app:2.0-extra', 'base:1'].map((t) => `${project.registry}/${t}`).sort(),
    );
    expect(registryManifest(`${project.registry}/app:2`).digest).toBe(snapshotDigests['app:2.0.0']);
    expect(registryManifest(`${project.registry}/base:1.0-linux-arm64`).digest).toBe(
      jsonOutput<Record<string, string>>(builds['base linux/arm64'].run, 'digests')['base:1.0'],
    );
    expect(published.summary).toContain('<h2>Released</h2>');
    expect(published.summary).toContain('Promoted 3 tags from snapshot `run-7`.');
    expect(published.summary).toContain('| app | 2.0.0 | 2.0.0-run-7 |');
    expect(published.summary).toContain('| 2, 2.0 | ✅ 2 reports passed |');
  });
});
