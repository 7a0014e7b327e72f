/**
 * Structural checks of generated GitLab pipelines, read back from the YAML: needs resolve to jobs of the same or an
 * earlier stage (PoC B15), names fit GitLab's 255-character limit, every job carries its platform's runner tags,
 * SBOM and JUnit reports are declared where the CLI writes them, and no credential is written.
 */
import { parse } from 'yaml';
import { generatePipeline } from '../../../src/core/pipeline';
import { DEFAULT_CI_IMAGE } from '../../../src/core/pipeline/ci-settings';
import { gitlabSbomFileName, gitlabSbomGlob } from '../../../src/core/image-checks/gitlab-report-names';
import { GITLAB_STAGES } from '../../../src/core/pipeline/gitlab-pipeline';
import { catalog, GOLDEN_CASES, image, projectConfig, randomCase } from './support/catalogs';
import { stageViolations } from './support/pipeline-properties';
import { readGitlabPipeline } from './support/pipeline-reader';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const pipelines = [
  ...GOLDEN_CASES.map(({ name, catalog: summary, config }) => ({ name, summary, config })),
  { name: 'empty-catalog', summary: catalog(), config: projectConfig() },
  ...[11, 12, 13].map((seed) => {
    const { catalog: summary, config } = randomCase(seed);
    return { name: `random-${seed}`, summary, config };
  }),
].map((entry) => ({ ...entry, text: generatePipeline(entry.summary, entry.config, 'gitlab') }));

describe.each(pipelines)('$name GitLab pipeline', ({ text, config }) => {
  const document = parse(text) as Json;
  const jobs = readGitlabPipeline(text);

  it('declares the coarse stages and orders work only with needs on existing, not-later jobs', () => {
    expect(document.stages).toEqual([...GITLAB_STAGES]);
    const names = new Set(jobs.map((job) => job.id));
    for (const job of jobs) for (const need of job.needs) expect(names.has(need)).toBe(true);
    expect(stageViolations(jobs, [...GITLAB_STAGES])).toEqual([]);
  });

  it('keeps job names within 255 characters', () => {
    for (const job of jobs) expect(job.id.length).toBeLessThanOrEqual(255);
  });

  it("runs every job on its platform's runner tags (others on the amd64 or first platform's)", () => {
    const tagsOf = (name: string): string[] =>
      config.platforms.find((platform) => platform.name === name)?.gitlab_tags ??
      { 'linux/amd64': ['saas-linux-small-amd64'], 'linux/arm64': ['saas-linux-small-arm64'] }[name] ??
      [];
    const fallback = config.platforms.find((platform) => platform.name === 'linux/amd64') ?? config.platforms[0];
    for (const job of jobs) {
      const platform = job.legs[0].platform ?? fallback.name;
      expect({ job: job.id, tags: job.legs[0].runner }).toEqual({ job: job.id, tags: tagsOf(platform).join(',') });
    }
  });

  it('declares the SBOM and JUnit reports at the paths the CLI is told to write', () => {
    for (const job of jobs.filter((candidate) => candidate.kind === 'sbom' || candidate.kind === 'test')) {
      const script = String((job.raw.script as string[])[0]);
      const output = /--output (\S+)/.exec(script)?.[1];
      const artifacts = job.raw.artifacts as Json;
      if (job.kind === 'sbom') {
        // One job may cover several tags: sbom writes one file per tag and platform into reports/.
        const { image, platform } = job.legs[0];
        expect(script).toContain('--format cyclonedx-json');
        expect(script).toMatch(/ --output-dir reports\/(?: |$)/);
        expect(artifacts.reports).toEqual({ cyclonedx: [`reports/${gitlabSbomGlob(image ?? '')}`] });
        const glob = new RegExp(
          `^${String(artifacts.reports.cyclonedx[0])
            .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
            .replace(/\*/g, '[^/]*')}$`,
        );
        for (const tag of ['1.0', '3.13.7-browser']) {
          expect(`reports/${gitlabSbomFileName(image ?? '', tag, platform ?? '', 'cyclonedx-json')}`).toMatch(glob);
        }
      } else {
        expect(script).toContain('--report junit');
        expect(artifacts.reports).toEqual({ junit: output });
        expect(artifacts.when).toBe('always');
      }
    }
  });

  it('passes the snapshot id to every command, failing the job when it is empty, and sets it per pipeline type', () => {
    // An empty id would build and push the release tags themselves: `:?` stops the shell instead.
    for (const job of jobs) expect((job.raw.script as string[])[0]).toContain('--snapshot-id "${SNAPSHOT_ID:?}"');
    expect(document.workflow.rules).toEqual([
      { if: '$CI_PIPELINE_SOURCE == "merge_request_event"', variables: { SNAPSHOT_ID: 'mr-$CI_MERGE_REQUEST_IID' } },
      { if: '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH', variables: { SNAPSHOT_ID: 'pipeline-$CI_PIPELINE_ID' } },
    ]);
    for (const job of jobs.filter((candidate) => candidate.kind === 'publish')) {
      expect(job.raw.rules).toEqual([
        { if: '$CI_PIPELINE_SOURCE != "merge_request_event" && $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH' },
      ]);
      expect(job.raw.interruptible).toBe(false);
    }
  });

  it('writes no credential and runs in the configured CI image', () => {
    const withoutComments = JSON.stringify(document);
    expect(withoutComments).not.toMatch(/PASSWORD|TOKEN|password|token/);
    expect(document.default.image).toBe(config.ci.image ?? DEFAULT_CI_IMAGE);
  });
});

describe('GitLab job names', () => {
  it('stay unique and within 255 characters for long and look-alike image names', () => {
    const long = `team/${'very-long-name-'.repeat(20)}x`;
    const summary = catalog(image(long), image('a.b', [long]), image('a-b', [long]), image('a/b', ['a.b']));
    const jobs = readGitlabPipeline(generatePipeline(summary, projectConfig(), 'gitlab'));
    expect(new Set(jobs.map((job) => job.id)).size).toBe(jobs.length);
    for (const job of jobs) expect(job.id.length).toBeLessThanOrEqual(255);
    expect(jobs.filter((job) => job.kind === 'build').map((job) => job.legs[0].image)).toEqual([
      long,
      long,
      'a-b',
      'a-b',
      'a.b',
      'a.b',
      'a/b',
      'a/b',
    ]);
  });
});
