/**
 * Staleness check for a committed pipeline (`generate-ci --check`): CI fails when the catalog changed but the
 * workflow was not regenerated. Line endings are compared as `\n`: a checkout with `core.autocrlf` must not make
 * an up-to-date file look stale.
 */
import { unifiedLineDiff } from './line-diff';

export interface PipelineCheck {
  upToDate: boolean;
  /** Unified diff from the committed file to the expected one; '' when up to date. */
  diff: string;
}

export function checkPipeline(expected: string, actualFileContent: string | undefined): PipelineCheck {
  if (actualFileContent === undefined) {
    return {
      upToDate: false,
      diff: unifiedLineDiff('', expected, { fromLabel: '(missing: not generated yet)', toLabel: 'generated' }),
    };
  }
  const actual = actualFileContent.replace(/\r\n/g, '\n');
  if (actual === expected) return { upToDate: true, diff: '' };
  return { upToDate: false, diff: unifiedLineDiff(actual, expected, { fromLabel: 'committed', toLabel: 'generated' }) };
}
