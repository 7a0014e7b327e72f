/**
 * A directory tree as comparable data: every file's content, every symlink's target, every mode. Used for golden
 * comparisons of generated output and for "byte-identical across runs" checks.
 */
import { cpSync, existsSync, lstatSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

export function snapshotTree(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string, prefix: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      const rel = prefix ? `${prefix}/${name}` : name;
      const stat = lstatSync(full);
      const mode = (stat.mode & 0o7777).toString(8).padStart(4, '0');
      if (stat.isSymbolicLink()) out[rel] = `symlink → ${readlinkSync(full)}`;
      else if (stat.isDirectory()) {
        out[`${rel}/`] = `dir ${mode}`;
        walk(full, rel);
      } else out[rel] = `file ${mode}\n${readFileSync(full, 'utf8')}`;
    }
  };
  walk(root, '');
  return out;
}

/**
 * Compares `actual` with the golden copy in `goldenDir`; with UPDATE_GOLDEN=1 the golden copy is replaced instead.
 * Modes are kept in a MODES file beside the copy, since git does not store them all.
 */
export function expectTreeToMatchGolden(actual: string, goldenDir: string): void {
  const modesFile = `${goldenDir}.modes`;
  const snapshot = snapshotTree(actual);
  const modes = Object.entries(snapshot)
    .map(([rel, value]) => `${value.split('\n')[0]} ${rel}`)
    .join('\n');
  if (process.env.UPDATE_GOLDEN === '1') {
    rmSync(goldenDir, { recursive: true, force: true });
    cpSync(actual, goldenDir, { recursive: true, verbatimSymlinks: true });
    writeFileSync(modesFile, `${modes}\n`);
    return;
  }
  if (!existsSync(goldenDir)) throw new Error(`no golden copy at ${goldenDir}: run the test with UPDATE_GOLDEN=1 once`);
  const golden = snapshotTree(goldenDir);
  const strip = (s: Record<string, string>) =>
    Object.fromEntries(Object.entries(s).map(([k, v]) => [k, v.replace(/^(file|dir) \d{4}/, '$1')]));
  expect(strip(snapshot)).toEqual(strip(golden));
  expect(`${modes}\n`).toBe(readFileSync(modesFile, 'utf8'));
}
