/**
 * Hands a check the docker-archive of a platform image: the local `image.tar`, or one pulled from the registry into
 * a temporary folder that is removed afterwards (CI runners have little disk; a pulled image is never kept where
 * a later run could mistake it for a local build).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { RegistryClient } from '../registry';
import type { Logger } from '../shared/logger';
import type { PlatformImage } from './image-source';
import { pullDockerArchive } from './registry-archive';

export async function withPlatformArchive<T>(
  client: RegistryClient,
  image: PlatformImage,
  logger: Logger,
  use: (archive: string) => Promise<T>,
): Promise<T> {
  if (image.source.kind === 'archive') return use(image.source.file);
  const temp = await mkdtemp(path.join(tmpdir(), 'image-manager-pull-'));
  try {
    const started = performance.now();
    const pulled = await pullDockerArchive(client, {
      source: image.source.reference,
      platform: image.platform,
      file: path.join(temp, 'image.tar'),
      repoTag: image.tagRef,
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    logger.info(
      `${image.image}:${image.tag} ${image.platform}: pulled ${image.ref} (${image.source.why}) in ${seconds} s`,
    );
    return await use(pulled.file);
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}
