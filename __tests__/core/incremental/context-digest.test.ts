import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { digestBuildContext } from '../../../src/core/incremental/context-digest';

describe('digestBuildContext', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'im-context-'));
    writeFileSync(path.join(dir, 'Dockerfile'), 'FROM x\n');
    mkdirSync(path.join(dir, 'rootfs', 'etc'), { recursive: true });
    writeFileSync(path.join(dir, 'rootfs', 'etc', 'app.conf'), 'a = 1\n');
    chmodSync(path.join(dir, 'rootfs', 'etc', 'app.conf'), 0o644);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const digests = () => digestBuildContext(dir);

  it.each<[string, () => void]>([
    ['a file content', () => writeFileSync(path.join(dir, 'rootfs/etc/app.conf'), 'a = 2\n')],
    ['a file mode', () => chmodSync(path.join(dir, 'rootfs/etc/app.conf'), 0o755)],
    ['a new file', () => writeFileSync(path.join(dir, 'rootfs/etc/new'), '')],
    ['a new empty folder', () => mkdirSync(path.join(dir, 'rootfs/var'))],
    ['a symlink', () => symlinkSync('app.conf', path.join(dir, 'rootfs/etc/link'))],
    ['no rootfs at all', () => rmSync(path.join(dir, 'rootfs'), { recursive: true })],
  ])('changes with %s', async (_name, change) => {
    const before = await digests();
    change();
    expect(await digests()).not.toBe(before);
  });

  it('ignores what is not a rootfs input: the Dockerfile (hashed apart), test.yml, records, file times', async () => {
    const before = await digests();
    writeFileSync(path.join(dir, 'Dockerfile'), 'FROM y\n');
    writeFileSync(path.join(dir, 'test.yml'), 'schemaVersion: 2.0.0\n');
    mkdirSync(path.join(dir, 'linux-amd64'));
    writeFileSync(path.join(dir, 'linux-amd64', 'build.json'), '{}');
    utimesSync(path.join(dir, 'rootfs/etc/app.conf'), 1, 1);
    expect(await digests()).toEqual(before);
  });

  it('tells a symlink target change apart', async () => {
    symlinkSync('a', path.join(dir, 'rootfs/etc/link'));
    const before = await digests();
    rmSync(path.join(dir, 'rootfs/etc/link'));
    symlinkSync('b', path.join(dir, 'rootfs/etc/link'));
    expect(await digests()).not.toBe(before);
  });
});
