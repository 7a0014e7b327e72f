/** Small projects on disk for CLI tests: a temp folder with the given files (and optionally a copy of one). */
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

export const REPO_ROOT = path.join(__dirname, '..', '..');

export function makeProject(files: Record<string, string>, prefix = 'im-project-'): string {
  const root = mkdtempSync(path.join(tmpdir(), prefix));
  writeFiles(root, files);
  return root;
}

export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }
}

/** A copy of this repository's example catalog (images/ and .image-manager.yml) in a temp folder. */
export function copyExampleCatalog(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'im-example-'));
  cpSync(path.join(REPO_ROOT, 'images'), path.join(root, 'images'), { recursive: true, verbatimSymlinks: true });
  cpSync(path.join(REPO_ROOT, '.image-manager.yml'), path.join(root, '.image-manager.yml'));
  return root;
}
