/**
 * Where to download the pinned syft release and the sha256 it must have, for the GitHub action (which installs it
 * with @actions/tool-cache) and for install scripts. The checksums are those of the release's
 * `syft_<version>_checksums.txt`, as cited by several independent projects that pin the same assets; they were not
 * re-downloaded here (no network to GitHub releases from this machine).
 */
import { UsageError } from '../../shared/errors';

export const PINNED_SYFT_VERSION = '1.46.0';

const CHECKSUMS: Record<string, Record<string, string>> = {
  '1.46.0': {
    'linux/amd64': 'd654f678b709eb53c393d38519d5ed7d2e57205529404018614cfefa0fb2b5ca',
    'linux/arm64': '9fafef4db4f032ce81008d3a1529985d41ceb6ccdf2b388c9ce2f1ed7d32082e',
  },
};

export interface ToolDownload {
  url: string;
  sha256: string;
  /** How the download is packed and the executable's name inside it. */
  archive: 'tar.gz';
  executable: string;
  version: string;
}

/** `platform`: `linux/amd64` or `linux/arm64` (Node's `linux`/`x64` are accepted too). */
export function syftDownload(version: string = PINNED_SYFT_VERSION, platform = 'linux/amd64'): ToolDownload {
  const normalized = normalizePlatform(platform);
  const checksums = CHECKSUMS[version.replace(/^v/, '')];
  if (!checksums) {
    throw new UsageError(
      `no published checksum is recorded for syft ${version}; use ${PINNED_SYFT_VERSION} or install syft yourself`,
    );
  }
  const sha256 = checksums[normalized];
  if (!sha256) {
    throw new UsageError(
      `no syft ${version} download is recorded for ${normalized} (recorded: ${Object.keys(checksums).join(', ')})`,
    );
  }
  const bare = version.replace(/^v/, '');
  const [os, arch] = normalized.split('/');
  return {
    url: `https://github.com/anchore/syft/releases/download/v${bare}/syft_${bare}_${os}_${arch}.tar.gz`,
    sha256,
    archive: 'tar.gz',
    executable: 'syft',
    version: bare,
  };
}

function normalizePlatform(platform: string): string {
  const [os, arch] = platform.split('/');
  const archName = arch === 'x64' ? 'amd64' : arch === 'aarch64' ? 'arm64' : arch;
  return `${os}/${archName}`;
}
