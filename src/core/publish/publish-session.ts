/**
 * What every publishing command starts from: the catalog, one registry client configured from the project (its
 * credentials and insecure hosts) and, for commands that build indexes, the annotation metadata read once so
 * every tag of the run gets the same.
 */
import { loadCatalog } from '../generate/load-catalog';
import type { Exec } from '../shared/exec';
import type { Logger } from '../shared/logger';
import { readIndexMetadata, type IndexMetadataContext } from './index-annotations';
import { registryClientFromConfig } from './registry-from-config';
import type { PublishContext } from './types';

export interface PublishSessionOptions {
  root: string;
  env: NodeJS.ProcessEnv;
  exec: Exec;
  logger: Logger;
  snapshotId?: string;
  /** Read git HEAD and SOURCE_DATE_EPOCH for index annotations (commands that build indexes). */
  indexMetadata?: boolean;
  /** Injected in tests (fault proxies, request counting). */
  fetch?: typeof fetch;
}

export type PublishSession = PublishContext & IndexMetadataContext;

export async function openPublishSession(options: PublishSessionOptions): Promise<PublishSession> {
  const { env, exec, logger } = options;
  const catalog = await loadCatalog({ root: options.root, env, snapshotId: options.snapshotId, logger });
  const client = registryClientFromConfig({ config: catalog.config, env, exec, logger, fetch: options.fetch });
  const session: PublishSession = { catalog, client, logger };
  if (options.indexMetadata) session.indexMetadata = await readIndexMetadata(env, exec, catalog.root);
  return session;
}
