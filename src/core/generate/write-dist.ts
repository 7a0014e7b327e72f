/**
 * Writes `dist/`: per tag the Dockerfile (with the rootfs COPY injected where the merged rootfs has content),
 * test.yml and rootfs/, plus dist/catalog.json. The whole tree is built in a temporary sibling and swapped in
 * at the end, so no stale tag, alias or file survives and a failed run leaves the previous dist/ untouched.
 * Output is byte-identical across runs and machines: no timestamps, sorted JSON, normalised file times.
 *
 * Everything is decided in memory first (rootfs plans, Dockerfiles, problems, warnings), so a run with a user
 * error writes nothing at all; then the tags are written through OutputCalls: synchronously while the file system
 * is fast, else a few tags at a time, so that slow calls overlap. The order in which tags finish changes nothing in
 * the output.
 */
import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { CreatedModeCheck } from '../rootfs/created-mode';
import { LinkedCopies } from '../rootfs/linked-copies';
import { RootfsMergeResult, RootfsMergeSession } from '../rootfs/merge-session';
import { CallPolicy, DEFAULT_CALL_POLICY, OutputCalls } from '../rootfs/output-calls';
import { forEachBounded } from '../shared/bounded';
import { replaceDirectoryAtomically } from '../shared/atomic-dir';
import { ProblemCollector, UsageError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import { generatedDockerfile } from './generated-dockerfile';
import type { Catalog, RenderedTag } from './catalog';
import { summariseCatalog } from './catalog-summary';

export const CATALOG_FILE = 'catalog.json';

/**
 * Tags written at once when the calls go to the thread pool: enough to keep libuv's four file system threads busy,
 * few enough to bound memory. While the calls are synchronous, tags simply take turns.
 */
const TAGS_IN_FLIGHT = 8;
/** Fixed modes whatever the umask, so the output is identical on every machine. */
const DIRECTORY_MODE = 0o755;
const FILE_MODE = 0o644;

export interface WriteSummary {
  distDir: string;
  tags: number;
  files: number;
}

export interface WriteOptions {
  logger: Logger;
  /** Seconds since the epoch for every file time in rootfs/ (SOURCE_DATE_EPOCH); 0 when not set. */
  sourceDateEpoch?: number;
  /** How the file system calls are made (see OutputCalls); tests pin one mode, the default adapts. */
  callPolicy?: CallPolicy;
}

interface TagOutput {
  /** `<image>/<tag>`, `/`-separated. */
  dir: string;
  tag: RenderedTag;
  rootfs: RootfsMergeResult;
  dockerfile: string;
}

export async function writeDist(catalog: Catalog, options: WriteOptions): Promise<WriteSummary> {
  const distDir = path.resolve(catalog.root, catalog.config.dist_dir);
  refuseForeignDirectory(distDir, catalog.config.dist_dir);
  const calls = new OutputCalls(options.callPolicy ?? DEFAULT_CALL_POLICY);
  const modes = new CreatedModeCheck(calls);
  const rootfs = new RootfsMergeSession(
    { displayRoot: catalog.root, sourceDateEpoch: options.sourceDateEpoch },
    calls,
    modes,
  );
  const outputs = planOutputs(catalog, rootfs, options.logger);
  let files = 1; // catalog.json
  for (const output of outputs) {
    files += (output.rootfs.hasContent ? output.rootfs.files.length : 0) + (output.tag.testConfig !== null ? 2 : 1);
  }
  await replaceDirectoryAtomically(distDir, async (temp) => {
    const directories = new OutputDirectories(temp, calls, modes);
    // Keyed by content: tags whose Dockerfile or test.yml come out the same share one file (see LinkedCopies).
    const generated = new LinkedCopies<string>(calls);
    const writeShared = (file: string, content: string) =>
      generated.place(content, file, (first) => writeGeneratedFile(first, content, calls, modes));
    await forEachBounded(outputs, TAGS_IN_FLIGHT, async (output) => {
      const dir = path.join(temp, output.dir);
      await directories.ensure(dir);
      if (output.rootfs.hasContent) await rootfs.merge(output.tag.resolved.rootfsLevels, path.join(dir, 'rootfs'));
      await writeShared(path.join(dir, 'Dockerfile'), output.dockerfile);
      if (output.tag.testConfig !== null) await writeShared(path.join(dir, 'test.yml'), output.tag.testConfig);
    });
    const summary = `${JSON.stringify(summariseCatalog(catalog), null, 2)}\n`;
    await writeGeneratedFile(path.join(temp, CATALOG_FILE), summary, calls, modes);
    await calls.chmod(temp, DIRECTORY_MODE);
  });
  options.logger.debug(`dist/: ${files} files of ${outputs.length} tags written with ${calls.mode} calls`);
  return { distDir, tags: outputs.length, files };
}

/** Plans every tag's rootfs (once per distinct list of levels), logs the warnings and throws the problems. */
function planOutputs(catalog: Catalog, rootfs: RootfsMergeSession, logger: Logger): TagOutput[] {
  const outputs = catalog.images.flatMap((image) =>
    image.tags.map((tag) => ({ dir: `${image.name}/${tag.resolved.name}`, tag, dockerfile: tag.dockerfile })),
  );
  const problems = new ProblemCollector();
  const reported = new Set<string>();
  const planned = outputs.map((output) => {
    const merge = rootfs.plan(output.tag.resolved.rootfsLevels);
    // Tags merging the same level repeat that level's warnings and problems; say each once.
    for (const problem of merge.problems) {
      const key = `problem\0${problem.location?.file}\0${problem.message}`;
      if (!reported.has(key)) problems.add(problem);
      reported.add(key);
    }
    for (const warning of merge.warnings) {
      const key = `warning\0${warning.source}\0${warning.message}`;
      if (!reported.has(key)) logger.warn(warning.message, { file: warning.source });
      reported.add(key);
    }
    return { ...output, rootfs: merge, dockerfile: generatedDockerfile(output.tag, merge.hasContent) };
  });
  problems.throwIfAny();
  return planned;
}

/**
 * `generate` replaces its output folder wholesale. Refuse when that folder holds something we did not write
 * (no catalog.json), e.g. a JavaScript project's own dist/: deleting it would be unforgivable.
 */
function refuseForeignDirectory(distDir: string, configured: string): void {
  if (!existsSync(distDir)) return;
  const entries = readdirSync(distDir);
  if (entries.length === 0 || entries.includes(CATALOG_FILE)) return;
  throw new UsageError(
    `${configured}/ exists and was not written by image-manager (it has no ${CATALOG_FILE}); refusing to replace it. ` +
      'Set `dist_dir:` in .image-manager.yml to another folder, or remove it yourself.',
  );
}

/** Exclusive creation: the temporary tree is fresh, so an existing file would mean two tags share a folder. */
async function writeGeneratedFile(
  file: string,
  content: string,
  calls: OutputCalls,
  modes: CreatedModeCheck,
): Promise<void> {
  await calls.writeFileExclusive(file, content, FILE_MODE);
  await modes.ensureMode(file, `writeFile 0${FILE_MODE.toString(8)}`, FILE_MODE);
}

/** The image and tag folders: each created once, with its parents, however many tags are written at a time. */
class OutputDirectories {
  private readonly created = new Map<string, Promise<void>>();

  constructor(
    private readonly root: string,
    private readonly calls: OutputCalls,
    private readonly modes: CreatedModeCheck,
  ) {}

  ensure(dir: string): Promise<void> {
    if (dir === this.root) return Promise.resolve();
    let creation = this.created.get(dir);
    if (!creation) {
      creation = this.create(dir);
      this.created.set(dir, creation);
    }
    return creation;
  }

  private async create(dir: string): Promise<void> {
    await this.ensure(path.dirname(dir));
    await this.calls.mkdir(dir, DIRECTORY_MODE);
    await this.modes.ensureMode(dir, `mkdir 0${DIRECTORY_MODE.toString(8)}`, DIRECTORY_MODE);
  }
}
