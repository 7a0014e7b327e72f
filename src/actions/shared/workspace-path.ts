import * as path from 'node:path';

/**
 * A file as step outputs name it: relative to the checkout (GITHUB_WORKSPACE), which is how actions/upload-artifact
 * and later steps resolve paths; absolute when it lies outside the checkout.
 */
export function workspacePath(file: string): string {
  const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
  const relative = path.relative(workspace, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}
