import { lstatSync, readdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { loadCatalog } from '../../../src/core/generate/load-catalog';
import { writeDist } from '../../../src/core/generate/write-dist';
import { DEFAULT_CALL_POLICY, type CallMode } from '../../../src/core/rootfs/output-calls';
import type { Logger } from '../../../src/core/shared/logger';
import { copyExampleCatalog } from '../../support/project-fixture';
import { snapshotTree } from '../../support/tree-snapshot';

const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined } as unknown as Logger;

/** Every file of the tree, grouped by inode: which files are one file linked several times. */
function linkGroups(root: string): string[][] {
  const byInode = new Map<number, string[]>();
  const walk = (dir: string, prefix: string) => {
    for (const name of readdirSync(dir).sort()) {
      const stats = lstatSync(path.join(dir, name));
      if (stats.isDirectory()) walk(path.join(dir, name), `${prefix}${name}/`);
      else byInode.set(stats.ino, [...(byInode.get(stats.ino) ?? []), `${prefix}${name}`]);
    }
  };
  walk(root, '');
  return [...byInode.values()].map((group) => group.sort()).sort();
}

describe('writeDist', () => {
  const roots: string[] = [];
  afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

  it('writes the same dist/, files linked the same way, with synchronous and with threaded calls', async () => {
    const trees = await Promise.all(
      (['synchronous', 'threaded'] as CallMode[]).map(async (mode) => {
        const root = copyExampleCatalog();
        roots.push(root);
        const catalog = await loadCatalog({ root, env: {}, logger: quiet });
        const summary = await writeDist(catalog, {
          logger: quiet,
          sourceDateEpoch: 1_700_000_000,
          callPolicy: { ...DEFAULT_CALL_POLICY, mode },
        });
        return { snapshot: snapshotTree(summary.distDir), links: linkGroups(summary.distDir), files: summary.files };
      }),
    );
    expect(trees[1]).toEqual(trees[0]);
    expect(trees[0].links.some((group) => group.length > 1)).toBe(true);
  });
});
