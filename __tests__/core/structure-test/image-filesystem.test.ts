import { openDockerArchive } from '../../../src/core/structure-test/archive/docker-archive';
import type { FsNode } from '../../../src/core/structure-test/archive/fs-node';
import { ImageFilesystem } from '../../../src/core/structure-test/archive/image-filesystem';
import { listContainerRootfs, statInContainer, type ListedEntry } from './support/rootfs-truth';
import { layeredImage, type TestImage } from './support/test-images';

const STAT_KIND: Record<string, FsNode['kind']> = {
  'regular file': 'file',
  'regular empty file': 'file',
  directory: 'directory',
  fifo: 'fifo',
};

describe('the merged file system read from a docker-archive', () => {
  let image: TestImage;
  let fs: ImageFilesystem;
  let kernelView: Map<string, string>;

  beforeAll(async () => {
    image = await layeredImage();
    fs = await ImageFilesystem.load(await openDockerArchive(image.archive));
    kernelView = await statInContainer(
      image.name,
      linkCases.map(([path]) => path),
    );
  }, 300000);

  it('has exactly the entries, types, modes, owners, sizes and link targets of a real container root', async () => {
    const truth = await listContainerRootfs(image.name);
    const ours = new Map<string, ListedEntry>();
    for (const [path, node] of fs.walk()) {
      const entry: ListedEntry = { kind: node.kind, mode: node.mode, uid: node.uid, gid: node.gid };
      if (node.kind === 'file') entry.size = node.size;
      if (node.kind === 'symlink') entry.link = node.linkname;
      ours.set(path, entry);
    }
    expect([...ours.keys()].sort()).toEqual([...truth.keys()].sort());
    for (const [path, entry] of truth) expect({ path, ...ours.get(path) }).toEqual({ path, ...entry });
    expect(truth.size).toBeGreaterThan(300);
  }, 120000);

  it('applies whiteouts and opaque directories of later layers', () => {
    expect(fs.lstat('/etc/app/remove-me').ok).toBe(false);
    expect(fs.readDir('/etc/app/conf.d')?.map((e) => e.name)).toEqual(['new.conf']);
    expect(fs.lstat('/etc/app/greeting').ok).toBe(true);
  });

  const linkCases: Array<[string, string]> = [
    ['/etc/app/abs-link', 'absolute target'],
    ['/etc/app/rel-link', 'relative target'],
    ['/etc/app/chain-link', 'link to a link'],
    ['/etc/app/escape-link', 'relative target climbing above the root'],
    ['/linkdir/greeting', 'link to a directory in the middle of the path'],
    ['/linkdir/../app/greeting', '.. after a directory link'],
    ['/bin/sh', 'busybox applet link'],
    ['/etc/app/hardlink', 'hardlink'],
    ['/etc/app/dangling', 'dangling link'],
    ['/etc/app/loop-a', 'link loop'],
    ['/etc/app/greeting/x', 'a file used as a directory'],
  ];

  it.each(linkCases)(
    'resolves %s (%s) inside the image as the kernel does in a container',
    (path) => {
      const truth = kernelView.get(path);
      const resolved = fs.stat(path);
      if (truth === 'missing') {
        expect(resolved.ok).toBe(false);
        return;
      }
      const [kind, mode, uid, gid, size] = (truth ?? '').split('|');
      expect(resolved.ok).toBe(true);
      if (!resolved.ok) return;
      expect({
        kind: resolved.node.kind,
        mode: resolved.node.mode.toString(8),
        uid: String(resolved.node.uid),
        gid: String(resolved.node.gid),
        size: String(resolved.node.kind === 'file' ? resolved.node.size : size),
      }).toEqual({ kind: STAT_KIND[kind] ?? kind, mode, uid, gid, size });
    },
    60000,
  );

  it('reports why a path cannot be resolved', () => {
    expect(fs.stat('/etc/app/loop-a')).toMatchObject({ ok: false, reason: 'symlink-loop' });
    expect(fs.stat('/etc/app/dangling')).toMatchObject({ ok: false, reason: 'not-found', path: '/etc/app/missing' });
    expect(fs.stat('/etc/app/greeting/x')).toMatchObject({ ok: false, reason: 'not-a-directory' });
    expect(fs.lstat('/etc/app/dangling')).toMatchObject({ ok: true, node: { kind: 'symlink' } });
  });

  it('reads file contents through links and hardlinks, one pass per layer', async () => {
    const nodes = ['/etc/app/greeting', '/etc/app/hardlink', '/linkdir/conf.d/new.conf', '/opt/tool/bin/tool'].map(
      (path) => {
        const resolved = fs.stat(path);
        if (!resolved.ok) throw new Error(`${path} missing`);
        return resolved.node;
      },
    );
    const contents = await fs.readFiles(nodes);
    expect(nodes.map((node) => contents.get(node)?.toString())).toEqual([
      'hello\n',
      'hello\n',
      'new\n',
      '#!/bin/sh\necho tool\n',
    ]);
  });
});
