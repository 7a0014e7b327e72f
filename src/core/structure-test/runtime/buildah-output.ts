/**
 * `buildah run` reports the command's end on the command's own stderr ("subprocess exited with status 7",
 * "Error: exit status 7"), exits 1 when the command cannot start or dies from a signal, and loses the 127/137-style
 * codes other runtimes give. These lines are removed and the exit code restored, so expectedError/excludedError and
 * exitCode mean the same with buildah as with docker or podman.
 */
const TRAILING_NOISE = [
  /^subprocess exited with status \d+$/,
  /^subprocess exited on .+$/,
  /^Error: exit status \d+$/,
  /^$/,
];
const START_FAILURE = /process failed to start with error: (.*?)process exited with error: .*$/;
const GLUED_NOISE = /(subprocess exited (?:with status \d+|on .+))$/;
const SIGNAL_EXIT = /^subprocess exited on (.+)$/m;
const STATUS_EXIT = /^subprocess exited with status (\d+)$/m;

const SIGNALS: Record<string, number> = {
  hangup: 1,
  interrupt: 2,
  quit: 3,
  'illegal instruction': 4,
  'trace/breakpoint trap': 5,
  aborted: 6,
  'bus error': 7,
  'floating point exception': 8,
  killed: 9,
  'user defined signal 1': 10,
  'segmentation fault': 11,
  'user defined signal 2': 12,
  'broken pipe': 13,
  'alarm clock': 14,
  terminated: 15,
};

export function cleanBuildahResult(stderr: string, exitCode: number): { stderr: string; exitCode: number } {
  if (exitCode === 0) return { stderr, exitCode };
  const lines = stderr.split('\n');
  let code = exitCode;
  let gluedOutput = false;
  const tail: string[] = [];
  // Only trailing lines are buildah's: the same text printed earlier by the command itself stays.
  while (lines.length > 0) {
    const last = lines[lines.length - 1];
    const startFailure = START_FAILURE.exec(last);
    if (startFailure) {
      lines[lines.length - 1] = startFailure[1];
      code = /permission denied/i.test(startFailure[1]) ? 126 : 127;
      break;
    }
    if (!TRAILING_NOISE.some((pattern) => pattern.test(last))) {
      // Output without a final newline gets buildah's first line glued to its end.
      const glued = GLUED_NOISE.exec(last);
      if (glued) {
        lines[lines.length - 1] = last.slice(0, glued.index);
        tail.unshift(glued[1]);
        gluedOutput = true;
      }
      break;
    }
    tail.unshift(lines.pop() as string);
  }
  const noise = tail.join('\n');
  const signal = SIGNAL_EXIT.exec(noise)?.[1];
  const status = STATUS_EXIT.exec(noise)?.[1];
  if (signal && SIGNALS[signal]) code = 128 + SIGNALS[signal];
  else if (status && code !== 126 && code !== 127) code = Number(status);
  const cleaned = lines.join('\n');
  return { stderr: cleaned === '' || gluedOutput ? cleaned : `${cleaned}\n`, exitCode: code };
}
