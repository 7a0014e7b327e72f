/**
 * After `test` or `sbom` wrote records, the HTML catalog is rewritten when one exists, so its pages show results
 * as they appear. Never created here (that is `image-manager report`), and a report that cannot be rewritten is a
 * warning: the records the command was run for are written and valid either way.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { writeReport } from '../report';
import type { Logger } from '../shared/logger';

export async function refreshHtmlReport(distDir: string, logger: Logger): Promise<boolean> {
  if (!existsSync(path.join(distDir, 'index.html'))) return false;
  try {
    const result = await writeReport(distDir);
    logger.info(`HTML report refreshed (${result.pages.length} pages)`);
    return true;
  } catch (error) {
    logger.warn(
      `the HTML report in ${distDir} could not be refreshed (${(error as Error).message}); run image-manager report`,
    );
    return false;
  }
}
