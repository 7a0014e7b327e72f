/**
 * The outputs of the steps that move tags (merge-manifest, publish), the same for both so a workflow can read
 * either: `digests` (`<image>:<tag>` → index digest), `tags` (the references written) and `aliases` (the alias
 * references pointed at them).
 */
import * as core from '@actions/core';

export interface PublishedTag {
  image: string;
  tag: string;
  ref: string;
  indexDigest: string;
  aliases: ReadonlyArray<{ tag: string }>;
}

export function setPublishedOutputs(results: readonly PublishedTag[], registry: string): void {
  core.setOutput(
    'digests',
    JSON.stringify(Object.fromEntries(results.map((r) => [`${r.image}:${r.tag}`, r.indexDigest]))),
  );
  core.setOutput('tags', JSON.stringify(results.map((r) => r.ref)));
  core.setOutput(
    'aliases',
    JSON.stringify(results.flatMap((r) => r.aliases.map((a) => `${registry}/${r.image}:${a.tag}`))),
  );
}
