import * as tc from '@actions/tool-cache';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import * as path from 'node:path';
import type { ToolDownload } from '../../core/sbom/scanners/syft-download';
import { OperationError } from '../../core/shared/errors';
import type { Logger } from '../../core/shared/logger';

/**
 * Installs a pinned scanner release with @actions/tool-cache: downloaded once per runner into the tool cache,
 * its sha256 checked against the pinned value BEFORE it is unpacked, so a swapped release asset never runs.
 * @actions/cache is not used to keep it between runs: a composite action's run steps do not get the cache
 * service's token (ACTIONS_RUNTIME_TOKEN), and the ~20 MB release download takes a second or two anyway.
 */
export async function installPinnedTool(download: ToolDownload, arch: string, logger: Logger): Promise<string> {
  const tool = download.executable;
  if (!process.env.RUNNER_TOOL_CACHE) {
    throw new OperationError(
      `cannot install ${tool}: RUNNER_TOOL_CACHE is not set (not a GitHub runner?); install it yourself`,
    );
  }
  const cached = tc.find(tool, download.version, arch);
  if (cached) {
    logger.info(`${tool} ${download.version}: found in the runner's tool cache`);
    return path.join(cached, tool);
  }
  logger.info(`installing ${tool} ${download.version} from ${download.url}`);
  const archive = await tc.downloadTool(download.url);
  const actual = await sha256File(archive);
  if (actual !== download.sha256) {
    await rm(archive, { force: true });
    throw new OperationError(
      `${download.url} has sha256 ${actual}, not the pinned ${download.sha256}: refusing to run it. ` +
        'A release asset changed after it was pinned; report it, or install the scanner yourself',
    );
  }
  const unpacked = await tc.extractTar(archive);
  return path.join(await tc.cacheDir(unpacked, tool, download.version, arch), tool);
}

function sha256File(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('error', reject)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')));
  });
}
