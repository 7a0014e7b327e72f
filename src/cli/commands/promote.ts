import { promoteTags, type PromoteResult } from '../../core/publish/promote-tags';
import { openPublishSession } from '../../core/publish/publish-session';
import type { TagUpdate } from '../../core/registry';
import { UsageError } from '../../core/shared/errors';
import { execProcess } from '../../core/shared/exec';
import type { Command } from '../command';
import { directoryOption, projectRoot, stringOption } from './common-options';
import { selectTargets } from './target-selection';

export const promoteCommand: Command = {
  name: 'promote',
  summary: 'make release tags point at exactly what a snapshot pipeline built and tested',
  args: '[image[:tag]]...',
  description: `
For each tag (no argument: every tag) copies the snapshot index <tag>-ID to <tag>, its platform
images to <tag>-linux-<arch>, and points the tag's release aliases (as computed from the catalog)
at the same index. Nothing is rebuilt and the digest does not change; tags already right are not
written. Refuses (exit 1, nothing promoted) when a snapshot index is missing or lacks a declared
platform, or when a test report in dist/<image>/<tag>/linux-<arch>/test-report.json failed, names
another image, or exists for some platforms only. Without any test report it promotes and says so
(a CI pipeline gates on its own test jobs). Writes go index, platform tags, aliases: a failure never
leaves an alias ahead of its tag.`,
  options: {
    'snapshot-id': { type: 'string', value: 'ID', description: 'the snapshot to promote (required), e.g. mr-42' },
    'ignore-test-reports': {
      type: 'boolean',
      description: 'promote although test reports failed (each failure is still printed)',
    },
    ...directoryOption,
  },
  async run(commandLine, context) {
    const snapshotId = stringOption(commandLine, 'snapshot-id');
    if (!snapshotId) {
      throw new UsageError('promote needs --snapshot-id ID: the snapshot whose images become the release tags');
    }
    const session = await openPublishSession({
      root: projectRoot(commandLine, context),
      env: context.env,
      exec: execProcess,
      logger: context.logger,
    });
    const targets = selectTargets(session.catalog, commandLine.positionals);
    const results = await promoteTags(session, {
      snapshotId,
      targets,
      ignoreTestReports: commandLine.values['ignore-test-reports'] === true,
    });
    for (const result of results) context.stdout(`${describePromotion(result)}\n`);
    return 0;
  },
};

/** `app:1.2.0 ← app:1.2.0-mr-7 sha256:… moved; platforms 2 moved; aliases 1 moved, 1.2 unchanged; tests 2 passed` */
export function describePromotion(result: PromoteResult): string {
  const name = (ref: string) => ref.slice(ref.lastIndexOf('/') + 1);
  const state = (u: TagUpdate) => (u.changed ? 'moved' : 'unchanged');
  const movedPlatforms = result.platformTags.filter((u) => u.changed).length;
  const platforms = `platform tags ${movedPlatforms} moved, ${result.platformTags.length - movedPlatforms} unchanged`;
  const aliases = result.aliases.length
    ? `; aliases ${result.aliases.map((a) => `${a.tag} ${state(a)}`).join(', ')}`
    : '';
  const tests = result.testProblemsIgnored.length
    ? `${result.testProblemsIgnored.length} test problems IGNORED`
    : result.testReports
      ? `${result.testReports} test reports passed`
      : 'no test reports found';
  return `${name(result.ref)} ← ${name(result.from)} ${result.indexDigest} ${state(result.index)}; ${platforms}${aliases}; ${tests}`;
}
