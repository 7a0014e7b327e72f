import * as path from 'node:path';

/** The project root: `working-directory` relative to the checkout (GITHUB_WORKSPACE), or the checkout itself. */
export function projectDirectory(workingDirectory: string | undefined): string {
  const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
  return path.resolve(workspace, workingDirectory ?? '.');
}
