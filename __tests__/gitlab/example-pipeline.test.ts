/**
 * docs/examples/gitlab-ci.yml — the pipeline the README shows — included as CI/CD components and executed with
 * gitlab-ci-local and the real CLI on a busybox catalog (base → app) against the shared test registry:
 * generate → build linux/amd64 + linux/arm64 (qemu) → merge → SBOMs and tests per platform → publish. The
 * registry defaults to $CI_REGISTRY_IMAGE, which the runs set to a fresh namespace of the test registry.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { seededBusybox, type SeededBusybox } from '../support/busybox-image';
import { busyboxCatalog, namespaceFor } from './support/busybox-catalog';
import { makeGitlabProject, REPO_ROOT, writePipeline } from './support/gitlab-project';
import { inspectRef } from './support/registry-view';
import {
  commandExitCodes,
  expectSuccess,
  orderViolations,
  requirePipelineTools,
  runGitlabCiLocal,
  type PipelineRun,
} from './support/run-gitlab-ci-local';

const EXAMPLE = readFileSync(path.join(REPO_ROOT, 'docs', 'examples', 'gitlab-ci.yml'), 'utf8');
const PLATFORMS = ['amd64', 'arm64'];
const JOBS = [
  'image-manager-generate',
  ...PLATFORMS.flatMap((arch) => [`build-${arch}`, `sbom-${arch}`, `test-${arch}`]),
  'image-manager-merge-manifest',
  'image-manager-publish',
];
const EDGES: Array<[string, string]> = [
  ...PLATFORMS.flatMap((arch): Array<[string, string]> => [
    ['image-manager-generate', `build-${arch}`],
    [`build-${arch}`, 'image-manager-merge-manifest'],
    [`build-${arch}`, `sbom-${arch}`],
    [`build-${arch}`, `test-${arch}`],
    [`sbom-${arch}`, 'image-manager-publish'],
    [`test-${arch}`, 'image-manager-publish'],
  ]),
  ['image-manager-merge-manifest', 'image-manager-publish'],
];

let seeded: SeededBusybox;
beforeAll(async () => {
  requirePipelineTools();
  seeded = await seededBusybox();
}, 120_000);

/** The snapshot id every command of the run was given. */
function snapshotsOf(run: PipelineRun): string[] {
  return [
    ...new Set(run.events.filter((e) => e.kind === 'start').map((e) => /--snapshot-id (\S+)/.exec(e.detail)?.[1])),
  ] as string[];
}

function artifact(root: string, job: string, file: string): string {
  return readFileSync(path.join(root, '.gitlab-ci-local', 'artifacts', job, file), 'utf8');
}

describe('the example GitLab pipeline (docs/examples/gitlab-ci.yml)', () => {
  it('on the default branch: builds both platforms, tests, and publishes the tested digests', async () => {
    const registry = namespaceFor(seeded, 'main');
    const project = makeGitlabProject(busyboxCatalog(seeded));
    writePipeline(project, EXAMPLE);
    const run = await runGitlabCiLocal(project, { variables: [`CI_REGISTRY_IMAGE=${registry}`] });

    expectSuccess(run);
    expect(Object.fromEntries(run.results)).toEqual(Object.fromEntries(JOBS.map((job) => [job, 'PASS'])));
    expect(commandExitCodes(run)).toEqual(Object.fromEntries(JOBS.map((job) => [job, 0])));
    expect(orderViolations(run, EDGES)).toEqual([]);
    const [snapshot, ...others] = snapshotsOf(run);
    expect({ snapshot, others }).toEqual({ snapshot: expect.stringMatching(/^pipeline-\d+$/), others: [] });

    // Release tags point at exactly the snapshot indexes that were tested, with both platforms; aliases too.
    for (const [image, tag, alias] of [
      ['base', '1.0', '1'],
      ['app', '2.0.0', '2'],
    ]) {
      const tested = inspectRef(`${registry}/${image}:${tag}-${snapshot}`);
      expect(tested?.platforms).toEqual(['linux/amd64', 'linux/arm64']);
      expect(inspectRef(`${registry}/${image}:${tag}`)?.digest).toBe(tested?.digest);
      expect(inspectRef(`${registry}/${image}:${alias}`)?.digest).toBe(tested?.digest);
    }
    expect(run.output).toMatch(
      /image-manager-publish +> .*app:2\.0\.0 ← app:2\.0\.0-pipeline-\d+ .*2 test reports passed/,
    );

    // GitLab's reports: one JUnit file per test job, CycloneDX SBOMs per image and platform.
    for (const arch of PLATFORMS) {
      const junit = artifact(project.root, `test-${arch}`, `reports/junit-test-${arch}.xml`);
      expect(junit).toMatch(/<testsuites[^>]* failures="0"/);
      expect(junit).toContain(`linux/${arch}`);
      const sbom = JSON.parse(artifact(project.root, `sbom-${arch}`, `reports/gl-sbom-app-2.0.0-${arch}.cdx.json`));
      expect(sbom).toMatchObject({ bomFormat: 'CycloneDX', specVersion: '1.5' });
    }
  }, 400_000);

  it('in a merge request: builds and tests the mr-<iid> snapshot and publishes nothing', async () => {
    const registry = namespaceFor(seeded, 'mr');
    const project = makeGitlabProject(busyboxCatalog(seeded), { branch: 'feature' });
    writePipeline(project, EXAMPLE);
    const run = await runGitlabCiLocal(project, {
      variables: [`CI_REGISTRY_IMAGE=${registry}`, 'CI_PIPELINE_SOURCE=merge_request_event', 'CI_MERGE_REQUEST_IID=7'],
    });

    expectSuccess(run);
    const ran = JOBS.filter((job) => job !== 'image-manager-publish');
    expect(Object.fromEntries(run.results)).toEqual(Object.fromEntries(ran.map((job) => [job, 'PASS'])));
    expect(snapshotsOf(run)).toEqual(['mr-7']);
    expect(inspectRef(`${registry}/app:2.0.0-mr-7`)?.platforms).toEqual(['linux/amd64', 'linux/arm64']);
    expect(inspectRef(`${registry}/app:2-mr-7`)).not.toBeNull();
    expect(inspectRef(`${registry}/app:2.0.0`)).toBeNull();
    expect(inspectRef(`${registry}/base:1.0`)).toBeNull();
  }, 400_000);
});
