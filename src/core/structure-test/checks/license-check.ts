/**
 * licenseTests as the real tool defines them: with `debian: true` every package directory under /usr/share/doc must
 * have a `copyright` file, and no checked file may mention a license on the tool's deny list (AGPL, WTFPL).
 */
import type { FsNode } from '../archive/fs-node';
import type { ImageFilesystem } from '../archive/image-filesystem';
import type { LicenseTestSpec } from '../config/types';
import { fileForContentTest } from './file-checks';
import { outcomeOf, type CheckOutcome } from './check-outcome';

export const DEBIAN_DOC_ROOT = '/usr/share/doc';
/** Packages the real tool lets pass whatever their copyright file says. */
const ALLOWED_PACKAGES = new Set(['libgnutls30']);
const DENIED_LICENSES = ['AGPL', 'WTFPL'];

/** The files a license test reads, so they can be fetched in one pass over the archive. */
export function licenseFiles(fs: ImageFilesystem, test: LicenseTestSpec): string[] {
  const files = [...test.files];
  if (test.debian) {
    for (const { name, node } of fs.readDir(DEBIAN_DOC_ROOT) ?? []) {
      // Directory entries are judged without following links, like Go's ReadDir.
      if (node.kind === 'directory' && !ALLOWED_PACKAGES.has(name)) files.push(`${DEBIAN_DOC_ROOT}/${name}/copyright`);
    }
  }
  return files;
}

export function checkLicenses(fs: ImageFilesystem, test: LicenseTestSpec, contents: Map<FsNode, Buffer>): CheckOutcome {
  const mismatches: string[] = [];
  if (test.debian && !fs.readDir(DEBIAN_DOC_ROOT)) {
    return { status: 'failed', message: `${DEBIAN_DOC_ROOT} is not a directory in the image (is it Debian-based?)` };
  }
  for (const path of licenseFiles(fs, test)) {
    const file = fileForContentTest(fs, path);
    if (file.failure !== undefined) {
      mismatches.push(`missing license file: ${file.failure}`);
      continue;
    }
    const text = (contents.get(file.node) ?? Buffer.alloc(0)).toString('utf8').toUpperCase();
    const denied = DENIED_LICENSES.find((word) => text.includes(word));
    if (denied) mismatches.push(`${path} mentions ${denied}, which the license test does not allow`);
  }
  return outcomeOf(mismatches);
}
