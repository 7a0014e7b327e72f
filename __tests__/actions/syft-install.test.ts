/**
 * The pinned scanner install of the sbom action, through the real @actions/tool-cache against a local HTTP server
 * standing in for GitHub's release downloads: the checksum is checked before anything is unpacked, and a second
 * install on the same runner comes from the tool cache without a download.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { installPinnedTool } from '../../src/actions/sbom/syft-install';
import type { ToolDownload } from '../../src/core/sbom/scanners/syft-download';
import { OperationError } from '../../src/core/shared/errors';
import { MemoryLogger } from '../../src/core/shared/logger';

describe('installPinnedTool', () => {
  let server: Server;
  let base: string;
  let tarball: Buffer;
  let downloads: number;
  const saved = { cache: process.env.RUNNER_TOOL_CACHE, temp: process.env.RUNNER_TEMP };

  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'im-syft-'));
    const content = path.join(dir, 'content');
    mkdirSync(content);
    writeFileSync(path.join(content, 'syft'), '#!/bin/sh\necho "syft 9.9.9"\n');
    chmodSync(path.join(content, 'syft'), 0o755);
    execFileSync('tar', ['-czf', path.join(dir, 'syft.tar.gz'), '-C', content, 'syft']);
    tarball = readFileSync(path.join(dir, 'syft.tar.gz'));
    server = createServer((_request, response) => {
      downloads++;
      response.writeHead(200, { 'content-type': 'application/gzip', 'content-length': tarball.length });
      response.end(tarball);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    process.env.RUNNER_TOOL_CACHE = saved.cache;
    process.env.RUNNER_TEMP = saved.temp;
  });
  beforeEach(() => {
    // tool-cache narrates through core.debug (`::debug::` lines on stdout), which is noise in a test log.
    jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    downloads = 0;
    process.env.RUNNER_TOOL_CACHE = mkdtempSync(path.join(tmpdir(), 'im-toolcache-'));
    process.env.RUNNER_TEMP = mkdtempSync(path.join(tmpdir(), 'im-runnertemp-'));
  });

  const download = (sha256: string): ToolDownload => ({
    url: `${base}/syft_9.9.9_linux_amd64.tar.gz`,
    sha256,
    archive: 'tar.gz',
    executable: 'syft',
    version: '9.9.9',
  });

  it('installs a release whose sha256 matches, then reuses it from the tool cache', async () => {
    const sha256 = createHash('sha256').update(tarball).digest('hex');
    const logger = new MemoryLogger();
    const binary = await installPinnedTool(download(sha256), 'amd64', logger);
    expect(binary).toBe(path.join(process.env.RUNNER_TOOL_CACHE as string, 'syft', '9.9.9', 'amd64', 'syft'));
    expect(execFileSync(binary, { encoding: 'utf8' })).toBe('syft 9.9.9\n');
    expect(await installPinnedTool(download(sha256), 'amd64', logger)).toBe(binary);
    expect(downloads).toBe(1);
    expect(logger.messages('info')).toEqual([
      `installing syft 9.9.9 from ${base}/syft_9.9.9_linux_amd64.tar.gz`,
      "syft 9.9.9: found in the runner's tool cache",
    ]);
  });

  it('refuses a download whose sha256 differs and caches nothing', async () => {
    const pinned = 'a'.repeat(64);
    const attempt = installPinnedTool(download(pinned), 'amd64', new MemoryLogger());
    await expect(attempt).rejects.toThrow(OperationError);
    await expect(installPinnedTool(download(pinned), 'amd64', new MemoryLogger())).rejects.toThrow(
      new RegExp(`has sha256 [0-9a-f]{64}, not the pinned ${pinned}: refusing to run it`),
    );
    expect(execFileSync('find', [process.env.RUNNER_TOOL_CACHE as string, '-name', 'syft'], { encoding: 'utf8' })).toBe(
      '',
    );
  });

  it('says what to do outside a GitHub runner', async () => {
    delete process.env.RUNNER_TOOL_CACHE;
    await expect(installPinnedTool(download('b'.repeat(64)), 'amd64', new MemoryLogger())).rejects.toThrow(
      'cannot install syft: RUNNER_TOOL_CACHE is not set (not a GitHub runner?); install it yourself',
    );
    expect(downloads).toBe(0);
  });
});
