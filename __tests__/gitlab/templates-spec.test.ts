/**
 * The contract of the GitLab CI templates, checked without running them: every input is declared with a type that
 * GitLab knows and a description, used, and only declared ones are used; the defaults agree across templates
 * (registry, image, snapshot rule), the default job image is one the catalog really publishes, and the README's
 * example pipeline includes only existing templates with existing inputs and needs only jobs it defines.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { loadCatalog } from '../../src/core/generate/load-catalog';
import { silentLogger } from '../../src/core/shared/logger';
import { REPO_ROOT } from './support/gitlab-project';
import { readTemplate, readTemplates, referencedInputs, STEP_TEMPLATES } from './support/template-files';

const templates = readTemplates();
const GITLAB_INPUT_TYPES = ['string', 'array', 'number', 'boolean'];
const EXAMPLE = path.join(REPO_ROOT, 'docs', 'examples', 'gitlab-ci.yml');

describe('GitLab CI templates', () => {
  it('are one per step plus the full pipeline', () => {
    expect(templates.map((t) => t.name).sort()).toEqual([...STEP_TEMPLATES, 'pipeline'].sort());
  });

  it.each(templates.map((t) => [t.name, t]))('%s: declares exactly the inputs it uses, typed and described', (_, t) => {
    expect(referencedInputs(t.bodyText)).toEqual(Object.keys(t.inputs).sort());
    for (const [name, input] of Object.entries(t.inputs)) {
      expect({ name, type: GITLAB_INPUT_TYPES.includes(input.type ?? 'string') }).toEqual({ name, type: true });
      expect({ name, described: (input.description ?? '').length > 10 }).toEqual({ name, described: true });
      // A default makes every input optional: including a template with no inputs must work.
      expect({ name, hasDefault: input.default !== undefined }).toEqual({ name, hasDefault: true });
      if (input.type === 'array') expect(Array.isArray(input.default)).toBe(true);
    }
    // The header must not use inputs (GitLab interpolates only the second document).
    expect(referencedInputs(t.text.slice(0, t.text.indexOf('\n---\n')))).toEqual([]);
  });

  it.each(STEP_TEMPLATES)('%s: one job that runs the CLI in the job image on the chosen runners', (name) => {
    const t = readTemplate(name);
    const jobs = Object.entries(t.body);
    expect(jobs).toHaveLength(1);
    const [jobName, job] = jobs[0];
    expect(jobName).toBe('$[[ inputs.job-name ]]');
    expect(job.image).toBe('$[[ inputs.image ]]');
    expect(job.tags).toBe('$[[ inputs.runner-tags ]]');
    expect(t.inputs['job-name'].default).toBe(`image-manager-${name}`);
    const script = (job.script as string[]).join('\n');
    expect(script).toMatch(/^image-manager [a-z-]+ .*--snapshot-id "\$SNAPSHOT_ID"/m);
    if (name !== 'generate') expect(job.needs).toBe('$[[ inputs.needs ]]');
  });

  it('agree on the registry, the job image and the snapshot naming', () => {
    for (const t of templates) {
      expect({ t: t.name, registry: t.inputs.registry?.default }).toEqual({
        t: t.name,
        registry: '$CI_REGISTRY_IMAGE',
      });
      expect({ t: t.name, image: t.inputs.image?.default }).toEqual({
        t: t.name,
        image: templates[0].inputs.image.default,
      });
      expect(t.bodyText).toContain('IMAGE_MANAGER_REGISTRY: $[[ inputs.registry ]]');
      if (t.name !== 'publish') {
        expect(t.bodyText).toContain(
          'SNAPSHOT_ID="${IMAGE_MANAGER_SNAPSHOT_ID:-${CI_MERGE_REQUEST_IID:+mr-$CI_MERGE_REQUEST_IID}}"',
        );
      }
      expect(t.bodyText).toContain('pipeline-$CI_PIPELINE_ID');
    }
  });

  it('default to an image tag that the catalog publishes for images/image-manager', async () => {
    const catalog = await loadCatalog({ root: REPO_ROOT, env: {}, logger: silentLogger });
    const toolchain = catalog.images.find((image) => image.name === 'image-manager');
    expect(toolchain).toBeDefined();
    const published = [
      ...(toolchain?.tags.map((tag) => tag.resolved.name) ?? []),
      ...(toolchain?.aliases.map((alias) => alias.alias) ?? []),
    ];
    const image = String(templates[0].inputs.image.default);
    expect(image).toMatch(/^ghcr\.io\/image-manager\/image-manager:/);
    expect(published).toContain(image.slice(image.lastIndexOf(':') + 1));
  });

  it('hand SBOMs and JUnit results to GitLab, keep them downloadable, and keep test results when tests fail', () => {
    type Artifacts = { artifacts: { when?: string; paths: string[]; reports: Record<string, unknown> } };
    const sbom = Object.values(readTemplate('sbom').body)[0] as unknown as Artifacts;
    const sbomReports = sbom.artifacts.reports.cyclonedx as string[];
    expect(sbomReports).toEqual(['$[[ inputs.working-directory ]]/reports/gl-sbom-*.cdx.json']);
    expect(sbom.artifacts.paths).toEqual(expect.arrayContaining(sbomReports));
    const test = Object.values(readTemplate('test').body)[0] as unknown as Artifacts;
    expect(test.artifacts.reports.junit).toBe('$[[ inputs.working-directory ]]/reports/junit-*.xml');
    expect(test.artifacts.paths).toContain(test.artifacts.reports.junit);
    expect(test.artifacts.when).toBe('always');
  });

  it('publish only outside merge requests, on the default branch, and is never interrupted halfway', () => {
    const publish = Object.values(readTemplate('publish').body)[0] as Record<string, unknown>;
    expect(publish.rules).toEqual([
      { if: '$CI_MERGE_REQUEST_IID', when: 'never' },
      { if: '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH' },
    ]);
    expect(publish.interruptible).toBe(false);
  });

  it('pipeline: writes the child with generate-ci and runs it with strategy: depend', () => {
    const t = readTemplate('pipeline');
    const generate = t.body['$[[ inputs.job-prefix ]]-generate-pipeline'];
    const trigger = t.body['$[[ inputs.job-prefix ]]-pipeline'] as {
      trigger: Record<string, unknown>;
      needs: string[];
    };
    // The affected set first: the child gets build jobs only for what changed (or whose bases did).
    const script = (generate.script as string[]).join('\n');
    const commands = [
      'image-manager generate --snapshot-id "$SNAPSHOT_ID"',
      'image-manager build --reuse-only --snapshot-id "$SNAPSHOT_ID" --affected-file image-manager-affected.json',
      'image-manager generate-ci --provider gitlab --affected image-manager-affected.json --output image-manager-pipeline.yml',
    ];
    for (const command of commands) expect(script).toContain(command);
    expect(commands.map((command) => script.indexOf(command))).toEqual(
      commands.map((command) => script.indexOf(command)).sort((a, b) => a - b),
    );
    expect(trigger.needs).toEqual(['$[[ inputs.job-prefix ]]-generate-pipeline']);
    expect(trigger.trigger.strategy).toBe('depend');
    expect(trigger.trigger.include).toEqual([
      { artifact: 'image-manager-pipeline.yml', job: '$[[ inputs.job-prefix ]]-generate-pipeline' },
      { artifact: 'image-manager-pipeline-run.yml', job: '$[[ inputs.job-prefix ]]-generate-pipeline' },
    ]);
  });
});

describe('docs/examples/gitlab-ci.yml', () => {
  const example = parse(readFileSync(EXAMPLE, 'utf8')) as {
    include: Array<{ component: string; inputs?: Record<string, unknown> }>;
  };

  it('includes existing templates with declared inputs only', () => {
    for (const entry of example.include) {
      const match = /^\$CI_SERVER_FQDN\/image-manager\/image-manager\/([a-z-]+)@1$/.exec(entry.component);
      expect({ component: entry.component, valid: match !== null }).toEqual({
        component: entry.component,
        valid: true,
      });
      const t = readTemplate(match?.[1] ?? '');
      for (const input of Object.keys(entry.inputs ?? {})) {
        expect({ component: entry.component, input, declared: input in t.inputs }).toEqual({
          component: entry.component,
          input,
          declared: true,
        });
      }
    }
  });

  it('runs every step on both platforms and needs only jobs it defines', () => {
    const jobs = example.include.map((entry) => {
      const name = /\/([a-z-]+)@/.exec(entry.component)?.[1] ?? '';
      const t = readTemplate(name);
      const input = (key: string): unknown => entry.inputs?.[key] ?? t.inputs[key]?.default;
      return {
        template: name,
        job: String(input('job-name')),
        needs: (input('needs') ?? []) as string[],
        platform: input('platform'),
      };
    });
    const names = jobs.map((job) => job.job);
    expect(new Set(names).size).toBe(names.length);
    for (const job of jobs)
      for (const need of job.needs)
        expect({ job: job.job, need, known: names.includes(need) }).toEqual({ job: job.job, need, known: true });
    const platformsOf = (template: string) =>
      jobs.filter((job) => job.template === template).map((job) => job.platform);
    for (const step of ['build', 'sbom', 'test'])
      expect(platformsOf(step).sort()).toEqual(['linux/amd64', 'linux/arm64']);
    const publish = jobs.find((job) => job.template === 'publish');
    const verifying = jobs
      .filter((job) => ['merge-manifest', 'sbom', 'test'].includes(job.template))
      .map((job) => job.job);
    expect(publish?.needs).toEqual(expect.arrayContaining(verifying));
  });
});
