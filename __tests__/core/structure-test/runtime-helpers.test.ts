import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { cleanBuildahResult } from '../../../src/core/structure-test/runtime/buildah-output';
import {
  keepaliveProgram,
  keepaliveTar,
  KEEPALIVE_PATH,
} from '../../../src/core/structure-test/runtime/keepalive-binary';
import { readTarStream } from '../../../src/core/structure-test/archive/tar-stream';
import { Readable } from 'node:stream';

describe('buildah run output made comparable with docker and podman', () => {
  // Lines as buildah 1.28 prints them (observed): status lines after the command's own stderr.
  it.each([
    [
      'exit 7 after output',
      'err\nsubprocess exited with status 7\nsubprocess exited with status 7\nError: exit status 7\n',
      1,
      'err\n',
      7,
    ],
    [
      'output without a final newline',
      'errsubprocess exited with status 3\nsubprocess exited with status 3\nError: exit status 3\n',
      3,
      'err',
      3,
    ],
    [
      'no output at all',
      'subprocess exited with status 2\nsubprocess exited with status 2\nError: exit status 2\n',
      2,
      '',
      2,
    ],
    [
      'command not found',
      'process failed to start with error: exec: "nope": executable file not found in $PATHprocess exited with error: exec: not startedsubprocess exited with status 1\nError: exit status 1\n',
      1,
      'exec: "nope": executable file not found in $PATH\n',
      127,
    ],
    [
      'not executable',
      'process failed to start with error: fork/exec /etc: permission deniedprocess exited with error: exec: not startedsubprocess exited with status 1\nError: exit status 1\n',
      1,
      'fork/exec /etc: permission denied\n',
      126,
    ],
    [
      'killed by SIGKILL',
      'subprocess exited on killed\nsubprocess exited with status 1\nError: exit status 1\n',
      1,
      '',
      137,
    ],
    [
      'segmentation fault under qemu',
      'qemu: uncaught target signal 11 (Segmentation fault) - core dumped\nsubprocess exited on segmentation fault\nsubprocess exited with status 1\nError: exit status 1\n',
      1,
      'qemu: uncaught target signal 11 (Segmentation fault) - core dumped\n',
      139,
    ],
    [
      'the command printing a look-alike line earlier',
      'subprocess exited with status 9\nreal error\nsubprocess exited with status 4\nError: exit status 4\n',
      4,
      'subprocess exited with status 9\nreal error\n',
      4,
    ],
    ['success is left alone', 'warning\n', 0, 'warning\n', 0],
  ])('%s', (_what, stderr, exitCode, expectedStderr, expectedCode) => {
    expect(cleanBuildahResult(stderr, exitCode)).toEqual({ stderr: expectedStderr, exitCode: expectedCode });
  });
});

describe('the keep-alive program', () => {
  let dir: string;
  beforeAll(() => {
    requireArm64Emulation();
    dir = mkdtempSync(path.join(tmpdir(), 'im-keepalive-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // arm64 runs through qemu-user-static's binfmt handler, as arm64 containers do here.
  it.each(['amd64', 'arm64'])('for %s stays alive without using the CPU until killed', async (arch) => {
    const file = path.join(dir, `keepalive-${arch}`);
    writeFileSync(file, keepaliveProgram(arch) as Buffer);
    chmodSync(file, 0o755);
    const child = spawn(file, [], { stdio: 'ignore' });
    const exited = new Promise<string | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(child.exitCode).toBeNull();
    const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime + stime in clock ticks (fields 14 and 15): a busy loop would have used ~150 ticks by now.
    expect(Number(stat[11]) + Number(stat[12])).toBeLessThan(20);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
  });

  it('is not offered for architectures it was not written for', () => {
    expect(keepaliveProgram('s390x')).toBeUndefined();
  });

  it('is packed in a tar that puts it at its path, executable', async () => {
    const program = keepaliveProgram('amd64') as Buffer;
    const entries = [];
    for await (const { entry, read } of readTarStream(Readable.from([keepaliveTar(program)]))) {
      entries.push({ name: entry.name, mode: entry.mode, body: await read() });
    }
    expect(entries).toEqual([{ name: KEEPALIVE_PATH.slice(1), mode: 0o755, body: program }]);
  });
});

function requireArm64Emulation(): void {
  if (!existsSync('/proc/sys/fs/binfmt_misc/qemu-aarch64')) {
    throw new Error(
      'arm64 emulation is not set up: apt-get install qemu-user-static, then ' +
        '`mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc; ' +
        'cat /usr/lib/binfmt.d/qemu-aarch64.conf > /proc/sys/fs/binfmt_misc/register`',
    );
  }
}
