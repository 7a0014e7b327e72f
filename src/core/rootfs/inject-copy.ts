/**
 * Adds `COPY --chown=<user> rootfs/ /` to a rendered Dockerfile. It goes right after the LAST `FROM`: in a
 * multi-stage build only the final stage becomes the image (the PoC used the first FROM and so put the files into
 * the builder stage, B14). Everything else in the file is kept byte for byte, line endings included.
 *
 * A Dockerfile that already copies the rootfs itself (`COPY rootfs/ …` or `ADD rootfs …` without `--from`) in ANY
 * stage is left alone: its author decided where the files go (e.g. into a builder stage that post-processes them),
 * and a second, automatic copy into the final stage would undo that decision.
 */
import { copiesRootfs } from './rootfs-copy-detection';
import { DockerfileInstruction, PhysicalLine, scanDockerfile } from '../dockerfile/instructions';
import { assertValidRootfsUser } from './rootfs-user';
import { splitShellWords } from '../dockerfile/shell-words';

export interface RootfsCopyInjection {
  dockerfile: string;
  injected: boolean;
  /** Why the COPY was or was not added, for logs and the generate summary. */
  reason: string;
}

export function rootfsCopyInstruction(rootfsUser: string): string {
  assertValidRootfsUser(rootfsUser);
  return `COPY --chown=${rootfsUser} rootfs/ /`;
}

/** Throws InvalidRootfsUserError when `rootfsUser` cannot be written into `--chown=` safely. */
export function injectRootfsCopy(dockerfile: string, rootfsUser: string): RootfsCopyInjection {
  const copyLine = rootfsCopyInstruction(rootfsUser);
  const { lines, instructions } = scanDockerfile(dockerfile);

  const existing = instructions.find((instruction) => copiesRootfs(instruction.keyword, instruction.args));
  if (existing) {
    return {
      dockerfile,
      injected: false,
      reason: `line ${existing.startLine} already copies the rootfs (${existing.keyword.toUpperCase()} ${existing.args.trim()})`,
    };
  }
  const froms = instructions.filter((instruction) => instruction.keyword === 'from');
  const lastFrom = froms[froms.length - 1];
  if (!lastFrom) {
    return {
      dockerfile,
      injected: false,
      reason: 'the Dockerfile has no FROM instruction, so there is no stage to copy the rootfs into',
    };
  }
  return {
    dockerfile: insertAfterLine(dockerfile, lines, lastFrom.endLine, copyLine),
    injected: true,
    reason: `added "${copyLine}" after the FROM on line ${lastFrom.startLine} (${describeStage(lastFrom, froms.length)})`,
  };
}

function insertAfterLine(text: string, lines: PhysicalLine[], lineNumber: number, newLine: string): string {
  let offset = 0;
  for (let i = 0; i < lineNumber; i++) offset += lines[i].text.length + lines[i].terminator.length;
  const after = lines[lineNumber - 1];
  // A last line without a newline stays without one: the new line takes the file's own line ending before it.
  const insertion = after.terminator
    ? newLine + after.terminator
    : (lines.find((line) => line.terminator)?.terminator ?? '\n') + newLine;
  return text.slice(0, offset) + insertion + text.slice(offset);
}

function describeStage(from: DockerfileInstruction, stageCount: number): string {
  const words = splitShellWords(from.args).filter((word) => !word.startsWith('--'));
  const name = words[1]?.toLowerCase() === 'as' ? words[2] : undefined;
  if (stageCount === 1) return 'the only stage';
  return name ? `the final stage "${name}" of ${stageCount}` : `the final stage of ${stageCount}`;
}
