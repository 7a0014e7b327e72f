/**
 * Finds the image definitions under the images directory. Sorted by path (byte order) so every machine and
 * every run sees the same order; `rootfs/` trees are file content for images (they may hold a file named
 * image.yml) and symlinked directories are not followed (they could loop or leave the project).
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Problem } from '../shared/errors';

export const IMAGE_FILE_NAME = 'image.yml';

export interface DiscoveredImageFiles {
  /** Paths relative to the project root, forward slashes, sorted. */
  files: string[];
  problems: Problem[];
}

export async function findImageFiles(root: string, imagesDir: string): Promise<DiscoveredImageFiles> {
  const start = path.resolve(root, imagesDir);
  const problems: Problem[] = [];
  const stats = await fs.stat(start).catch(() => undefined);
  if (!stats?.isDirectory()) {
    const where = toProjectPath(root, start);
    problems.push({
      message: stats ? `${where} is not a directory` : `the images directory ${where} does not exist`,
      location: { file: where },
      hint: 'create it, or set `images_dir` in .image-manager.yml',
    });
    return { files: [], problems };
  }
  const files: string[] = [];
  await walk(start, async (file, isSymlink) => {
    const name = path.basename(file);
    if (name === 'image.yaml') {
      problems.push({
        message: 'image definitions must be named image.yml; this file is not read',
        location: { file: toProjectPath(root, file) },
        hint: 'rename it to image.yml',
      });
    } else if (name === IMAGE_FILE_NAME && (!isSymlink || (await isFile(file)))) {
      files.push(toProjectPath(root, file));
    }
  });
  files.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  return { files, problems };
}

async function walk(dir: string, onFile: (file: string, isSymlink: boolean) => Promise<void>): Promise<void> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'rootfs') await walk(full, onFile);
    } else if (entry.isFile() || entry.isSymbolicLink()) {
      await onFile(full, entry.isSymbolicLink());
    }
  }
}

async function isFile(file: string): Promise<boolean> {
  return (await fs.stat(file).catch(() => undefined))?.isFile() ?? false;
}

export function toProjectPath(root: string, file: string): string {
  return path.relative(path.resolve(root), file).split(path.sep).join('/');
}
