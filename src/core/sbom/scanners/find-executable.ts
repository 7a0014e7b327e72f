/**
 * Finds a program on PATH (or checks an explicit path) without running it: scanners such as trivy take seconds
 * just to print their version, which would double the cost of every SBOM.
 */
import { accessSync, constants, statSync } from 'node:fs';
import * as path from 'node:path';

export function findExecutable(name: string, env: NodeJS.ProcessEnv): string | undefined {
  if (name.includes('/')) return isExecutable(name) ? name : undefined;
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function isExecutable(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
