import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { SelectedTag } from '../../core/build-run/targets';
import { BUILD_RECORD, platformSlug, type BuildRecord } from '../../core/records/records';

/**
 * The build records this step wrote: one per selected tag that built, in build order. A dist/ reused on a
 * self-hosted runner may still hold an older record for a tag whose build failed now; only files written since
 * the step started count (less a second: the kernel stamps files with a coarse clock).
 */
export async function recordsWrittenSince(
  distDir: string,
  targets: SelectedTag[],
  platform: string,
  since: number,
): Promise<BuildRecord[]> {
  const records: BuildRecord[] = [];
  for (const { image, tag } of targets) {
    const file = path.join(distDir, image.name, tag.resolved.name, platformSlug(platform), BUILD_RECORD);
    const stat = await fs.stat(file).catch(() => undefined);
    if (!stat || stat.mtimeMs < since - 1000) continue;
    records.push(JSON.parse(await fs.readFile(file, 'utf8')) as BuildRecord);
  }
  return records;
}
