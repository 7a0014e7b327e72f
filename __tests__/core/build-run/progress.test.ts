import { formatDuration, ProgressReporter, shortDigest } from '../../../src/core/build-run/progress';
import { MemoryLogger } from '../../../src/core/shared/logger';

describe('progress lines', () => {
  it.each([
    [0, '0.0 s'],
    [4149, '4.1 s'],
    [59949, '59.9 s'],
    [60000, '1 min 00 s'],
    [125400, '2 min 05 s'],
  ])('%i ms reads %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('shortens digests to what identifies them in a log', () => {
    expect(shortDigest(`sha256:${'ab'.repeat(32)}`)).toBe('sha256:abababababab…');
  });

  it('numbers units in the order they start or are skipped, and keeps the number for the outcome', () => {
    const logger = new MemoryLogger();
    const progress = new ProgressReporter(3, logger);
    progress.started('lua:5.4.4 linux/amd64', 'building');
    progress.started('lua:5.4.4 linux/arm64', 'building');
    progress.succeeded('lua:5.4.4 linux/arm64', 'built in 4.1 s');
    progress.failed('lua:5.4.4 linux/amd64', 1500, 'exit 3');
    progress.skipped('lua:5.4.4 merge', 'lua:5.4.4 linux/amd64 failed');
    expect(logger.lines).toEqual([
      { level: 'info', message: '[1/3] lua:5.4.4 linux/amd64 … building' },
      { level: 'info', message: '[2/3] lua:5.4.4 linux/arm64 … building' },
      { level: 'info', message: '[2/3] lua:5.4.4 linux/arm64 … built in 4.1 s' },
      { level: 'error', message: '[1/3] lua:5.4.4 linux/amd64 … FAILED after 1.5 s: exit 3' },
      { level: 'warn', message: '[3/3] lua:5.4.4 merge … skipped: lua:5.4.4 linux/amd64 failed' },
    ]);
  });
});
