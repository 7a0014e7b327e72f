import { publishTag, type PublishTagResult } from '../../core/publish/merge-tag';
import { openPublishSession } from '../../core/publish/publish-session';
import { OperationError } from '../../core/shared/errors';
import { execProcess } from '../../core/shared/exec';
import type { Command } from '../command';
import { directoryOption, projectRoot, snapshotOption, stringOption } from './common-options';
import { selectTargets } from './target-selection';

export const manifestCommand: Command = {
  name: 'manifest',
  summary: 'merge per-platform images into multi-platform indexes and point their aliases at them',
  args: '[image[:tag]]...',
  description: `
For each tag (no argument: every tag; an image name: all its tags) reads the per-platform images
<tag>[-ID]-linux-<arch> from the push registry, takes each one's platform from its image config,
and publishes an OCI index as <tag>[-ID]; then every alias of the tag (<alias>[-ID]) gets the very
same manifest (no blob is copied). Tags already right are not written: a re-run changes nothing.
Every platform in .image-manager.yml must be there, otherwise nothing is published for that tag
(--allow-partial publishes anyway, with a warning per missing platform, and leaves the aliases
where they are). Annotations: ref.name, plus created (only when SOURCE_DATE_EPOCH is set) and
revision/source from git. Records dist/<image>/<tag>/manifest.json {ref, indexDigest, platforms,
aliases}. --export also writes dist/<image>/<tag>/image.tar (an OCI layout archive of the index and
its platforms: a full download, hence off by default).
Prints one line per tag; exit code 1 when any tag failed (the others are still published).`,
  options: {
    ...snapshotOption,
    'allow-partial': {
      type: 'boolean',
      description: 'publish although a declared platform is missing (aliases are then not moved)',
    },
    export: { type: 'boolean', description: 'also export each index as dist/<image>/<tag>/image.tar (OCI layout)' },
    ...directoryOption,
  },
  async run(commandLine, context) {
    const session = await openPublishSession({
      root: projectRoot(commandLine, context),
      env: context.env,
      exec: execProcess,
      logger: context.logger,
      snapshotId: stringOption(commandLine, 'snapshot-id'),
      indexMetadata: true,
    });
    const targets = selectTargets(session.catalog, commandLine.positionals);
    const failed: string[] = [];
    for (const target of targets) {
      try {
        const result = await publishTag(session, {
          ...target,
          allowPartial: commandLine.values['allow-partial'] === true,
          exportArchive: commandLine.values.export === true,
        });
        context.stdout(`${describeResult(result)}\n`);
      } catch (error) {
        if (!(error instanceof OperationError)) throw error;
        context.logger.error(error.message);
        failed.push(`${target.image}:${target.tag}`);
      }
    }
    if (failed.length > 0) {
      context.logger.error(`failed to publish ${failed.length} of ${targets.length} tags: ${failed.join(', ')}`);
      return 1;
    }
    return 0;
  },
};

/** `app:1.2.0 published sha256:… (linux/amd64, linux/arm64); aliases 1 moved, 1.2 unchanged` */
export function describeResult(result: PublishTagResult): string {
  const published = result.ref.slice(result.ref.lastIndexOf('/') + 1);
  const state = result.missingPlatforms.length
    ? `published PARTIAL (missing ${result.missingPlatforms.join(', ')})`
    : result.indexChanged
      ? 'published'
      : 'unchanged';
  const platforms = result.platforms.map((p) => p.platform).join(', ');
  let aliases = '';
  if (result.aliasesNotMoved.length > 0) aliases = `; aliases NOT moved: ${result.aliasesNotMoved.join(', ')}`;
  else if (result.aliases.length > 0) {
    aliases = `; aliases ${result.aliases.map((a) => `${a.tag} ${a.changed ? 'moved' : 'unchanged'}`).join(', ')}`;
  }
  return `${published} ${state} ${result.indexDigest} (${platforms})${aliases}`;
}
