/**
 * `image-manager report`: writes the static HTML catalog into dist/ from catalog.json and whatever records exist.
 * Each page is written atomically (readers of a served dist/ never see half a page) and only when its content
 * changed; pages of images, tags and SBOMs that no longer exist are removed. Without `generatedAt` the output is
 * byte-identical across runs and machines.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomically } from '../shared/atomic-dir';
import { loadReportData, type ReportOptions } from './load-report-data';
import { renderReportPages } from './render-report';
import { removeStalePages } from './stale-pages';

export interface WriteReportResult {
  /** Every page of the report (changed or not), as `distDir` joined with the page's path, sorted. */
  pages: string[];
  /** Stale pages that were deleted, same form. */
  removed: string[];
}

export async function writeReport(distDir: string, options: ReportOptions = {}): Promise<WriteReportResult> {
  const data = await loadReportData(distDir, options);
  const pages = renderReportPages(data);
  for (const page of pages) {
    const file = path.join(distDir, page.path);
    if ((await readIfExists(file)) === page.html) continue;
    await writeFileAtomically(file, page.html);
  }
  const removed = await removeStalePages(distDir, new Set(pages.map((p) => p.path)));
  return {
    pages: pages.map((p) => path.join(distDir, p.path)),
    removed: removed.map((p) => path.join(distDir, p)),
  };
}

async function readIfExists(file: string): Promise<string | null> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch {
    return null;
  }
}
