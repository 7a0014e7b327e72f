import { logPrefixFor, outputTail, runTool } from '../../../src/core/build/tool-run';
import { OperationError } from '../../../src/core/shared/errors';
import { execProcess } from '../../../src/core/shared/exec';
import { MemoryLogger } from '../../../src/core/shared/logger';

const options = (log: MemoryLogger, extra: Partial<Parameters<typeof runTool>[2]> = {}) => ({
  exec: execProcess,
  env: process.env,
  log,
  prefix: '[x:1] ',
  what: 'test step for x:1',
  ...extra,
});

describe('runTool (real processes)', () => {
  it('logs the command, streams every output line with the prefix and returns the output', async () => {
    const log = new MemoryLogger();
    const result = await runTool('sh', ['-c', 'echo one; printf "two\\nthree"; echo err >&2'], options(log));
    expect(result.exitCode).toBe(0);
    expect(log.messages('info')).toEqual(
      expect.arrayContaining(['[x:1] one', '[x:1] two', '[x:1] three', '[x:1] err']),
    );
    expect(log.messages('info')[0]).toMatch(/^\[x:1\] \$ sh -c /);
    expect(result.combined).toContain('three');
  });

  it('turns a non-zero exit into an OperationError with the output tail and a matching hint', async () => {
    const log = new MemoryLogger();
    const script = 'for i in $(seq 1 60); do echo line-$i; done; echo "boom: HTTP response to HTTPS client" >&2; exit 7';
    const error = await runTool('sh', ['-c', script], {
      ...options(log),
      hints: [{ pattern: /HTTP response to HTTPS client/, hint: 'Mark the registry insecure.' }],
    }).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error).toBeInstanceOf(OperationError);
    expect(error?.message).toMatch(/^test step for x:1 failed \(exit code 7\)\. Mark the registry insecure\.\n/);
    expect(error?.message).toContain('line-60');
    expect(error?.message).toContain('boom');
    expect(error?.message).not.toContain('line-10\n');
  });

  it('masks secrets in logged lines and in the error', async () => {
    const log = new MemoryLogger();
    const attempt = runTool('sh', ['-c', 'echo "token is s3cr3t-value"; exit 1'], {
      ...options(log),
      secrets: ['s3cr3t-value'],
    });
    await expect(attempt).rejects.toThrow(/token is \*\*\*/);
    expect(log.lines.map((l) => l.message).join('\n')).not.toContain('s3cr3t-value');
  });

  it('logs quiet helper commands at debug level only', async () => {
    const log = new MemoryLogger();
    await runTool('sh', ['-c', 'echo hidden'], { ...options(log), quiet: true });
    expect(log.messages('info')).toEqual([]);
    expect(log.messages('debug')).toContain('[x:1] hidden');
  });

  it('reports a missing program as an OperationError', async () => {
    await expect(runTool('no-such-tool-xyz', [], options(new MemoryLogger()))).rejects.toThrow(
      /test step for x:1 could not start: no-such-tool-xyz: command not found/,
    );
  });
});

describe('output helpers', () => {
  it.each([
    ['a\nb\nc\n\n', 2, 'b\nc'],
    ['progress 10%\rprogress 100%\ndone', 2, 'progress 100%\ndone'],
  ])('outputTail(%j, %d)', (text, lines, expected) => {
    expect(outputTail(text, lines)).toBe(expected);
  });

  it('logPrefixFor keeps the last path component', () => {
    expect(logPrefixFor('127.0.0.1:5050/team/python:3.13-linux-arm64')).toBe('[python:3.13-linux-arm64] ');
  });
});
