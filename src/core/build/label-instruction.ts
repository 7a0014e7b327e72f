/**
 * buildah 1.28 turns every `--label` into a build step of its own, and with `--layers` each step commits an image:
 * ten labels cost ten commits (on a vfs storage, ten copies of the root filesystem — about 11 s for a Debian
 * image). One LABEL instruction appended to the Dockerfile sets them all in one step, its values double-quoted
 * with `\` escapes (LABEL expands `$variables`, so `$` is escaped too). The `--label` flags stay for what that
 * cannot carry: a value with a newline or another control character, and a Dockerfile with `# escape=\``
 * (buildah 1.28 then mangles quoted label values: verified, `"` came out as a backtick and `$HOME` expanded).
 */
import { scanDockerfile } from '../dockerfile/instructions';
import { sortedEntries } from './sorted-entries';

/** The Dockerfile with one LABEL instruction appended, or undefined when a label needs the `--label` flags. */
export function appendLabelInstruction(dockerfile: string, labels: Readonly<Record<string, string>>): string | undefined {
  const entries = sortedEntries(labels);
  if (entries.length === 0) return dockerfile;
  // eslint-disable-next-line no-control-regex
  if (entries.some(([key, value]) => /[\u0000-\u001f\u007f]/.test(key + value))) return undefined;
  const { escapeChar, lines } = scanDockerfile(dockerfile);
  if (escapeChar !== '\\') return undefined;
  const quote = (text: string) => `"${text.replace(/["$\\]/g, (c) => `\\${c}`)}"`;
  const instruction = `LABEL ${entries.map(([key, value]) => `${quote(key)}=${quote(value)}`).join(' ')}`;
  const newline = lines.find((line) => line.terminator)?.terminator ?? '\n';
  const separator = dockerfile === '' || dockerfile.endsWith('\n') ? '' : newline;
  return `${dockerfile}${separator}${instruction}${newline}`;
}
