/**
 * File modes written the way container-structure-test compares them: Go's `os.FileMode.String()` of the tar
 * header, so a test written for the real tool (`-rwxr-xr-x`, `drwxrwxrwt` → `dtrwxrwxrwx`, setuid → `urwxr-xr-x`)
 * means the same here.
 */
import type { FsNode } from './archive/fs-node';

export type ExecutableBy = 'owner' | 'group' | 'other' | 'any';
export const EXECUTABLE_BY: readonly ExecutableBy[] = ['owner', 'group', 'other', 'any'];

const SETUID = 0o4000;
const SETGID = 0o2000;
const STICKY = 0o1000;

/** Go's order of type and special letters: `dalTLDpSugct?`; the ones tar entries can carry appear here. */
export function formatMode(node: Pick<FsNode, 'kind' | 'mode'>): string {
  let letters = '';
  if (node.kind === 'directory') letters += 'd';
  if (node.kind === 'symlink') letters += 'L';
  if (node.kind === 'char' || node.kind === 'block') letters += 'D';
  if (node.kind === 'fifo') letters += 'p';
  if (node.mode & SETUID) letters += 'u';
  if (node.mode & SETGID) letters += 'g';
  if (node.kind === 'char') letters += 'c';
  if (node.mode & STICKY) letters += 't';
  const rwx = 'rwxrwxrwx';
  let permissions = '';
  for (let bit = 0; bit < 9; bit++) permissions += node.mode & (1 << (8 - bit)) ? rwx[bit] : '-';
  return `${letters || '-'}${permissions}`;
}

/** Whether the execute bit for `who` is set (`any`: at least one of them), as the real tool checks it. */
export function isExecutableBy(mode: number, who: ExecutableBy): boolean {
  switch (who) {
    case 'owner':
      return (mode & 0o100) !== 0;
    case 'group':
      return (mode & 0o010) !== 0;
    case 'other':
      return (mode & 0o001) !== 0;
    case 'any':
      return (mode & 0o111) !== 0;
  }
}
