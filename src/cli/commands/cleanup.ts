import { openPublishSession } from '../../core/publish/publish-session';
import { cleanupSnapshot, type CleanupItem } from '../../core/publish/snapshot-cleanup';
import { UsageError } from '../../core/shared/errors';
import { execProcess } from '../../core/shared/exec';
import type { Command } from '../command';
import { directoryOption, projectRoot, stringOption } from './common-options';
import { selectTargets } from './target-selection';

export const cleanupCommand: Command = {
  name: 'cleanup',
  summary: "delete a snapshot's tags from the registry (dry run unless --yes)",
  args: '[image[:tag]]...',
  description: `
Finds the tags of snapshot ID for each catalog tag (no argument: every tag): <tag>-ID,
<tag>-ID-linux-<arch> and <alias>-ID. A registry deletes by digest, which removes every tag on that
digest, so a digest that any other tag still needs (a release tag with the same digest, e.g. after
promote, or an index listing it) is kept and the reason printed. Without --yes only prints what it
would delete. The registry must allow deletes (distribution: storage.delete.enabled: true); one that
refuses fails with exit code 1 and says which tags were already deleted.`,
  options: {
    'snapshot-id': { type: 'string', value: 'ID', description: 'the snapshot whose tags go (required), e.g. mr-42' },
    yes: { type: 'boolean', short: 'y', description: 'really delete (default: dry run)' },
    ...directoryOption,
  },
  async run(commandLine, context) {
    const snapshotId = stringOption(commandLine, 'snapshot-id');
    if (!snapshotId) throw new UsageError('cleanup needs --snapshot-id ID: the snapshot whose tags are deleted');
    const apply = commandLine.values.yes === true;
    const session = await openPublishSession({
      root: projectRoot(commandLine, context),
      env: context.env,
      exec: execProcess,
      logger: context.logger,
    });
    const targets = selectTargets(session.catalog, commandLine.positionals);
    const items = await cleanupSnapshot(session, { snapshotId, targets, apply });
    for (const item of items) context.stdout(`${describeItem(item)}\n`);
    context.stdout(`${summary(items, snapshotId, apply)}\n`);
    return 0;
  },
};

export function describeItem(item: CleanupItem): string {
  const tags = item.tags.map((t) => `${item.image}:${t}`).join(', ');
  if (item.action !== 'kept') {
    return `${item.action === 'deleted' ? 'deleted' : 'would delete'} ${tags} (${item.digest})`;
  }
  const same = item.keptBecause.filter((d) => d.relation === 'same-digest').map((d) => d.tag);
  const listing = item.keptBecause.filter((d) => d.relation === 'index-member').map((d) => d.tag);
  const reasons = [
    ...(same.length ? [`same digest as ${same.join(', ')}`] : []),
    ...(listing.length ? [`listed by the index${listing.length > 1 ? 'es' : ''} ${listing.join(', ')}`] : []),
  ];
  return `kept ${tags} (${item.digest}): ${reasons.join('; ')}`;
}

function summary(items: CleanupItem[], snapshotId: string, apply: boolean): string {
  if (items.length === 0) return `no tags of snapshot ${snapshotId} found`;
  const gone = items.filter((i) => i.action !== 'kept');
  const kept = items.length - gone.length;
  const tagCount = gone.reduce((n, i) => n + i.tags.length, 0);
  return apply
    ? `deleted ${gone.length} manifests (${tagCount} tags), kept ${kept}`
    : `dry run: would delete ${gone.length} manifests (${tagCount} tags), keep ${kept}; run again with --yes to delete`;
}
