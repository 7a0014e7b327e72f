import * as path from 'node:path';
import { mergeRootfsLevels } from '../../../src/core/rootfs/merge';
import { sensitiveFilePattern } from '../../../src/core/rootfs/rootfs-warnings';
import { makeTree, TempDirs } from './rootfs-fixture';

const temp = new TempDirs();
afterAll(() => temp.cleanup());

describe('sensitiveFilePattern', () => {
  it.each([
    ['.env', '.env'],
    ['.ENV', '.env'],
    ['.env.local', '.env.*'],
    ['.env.production', '.env.*'],
    ['server.key', '*.key'],
    ['SECRET.KEY', '*.key'],
    ['tls.pem', '*.pem'],
    ['cert.PEM', '*.pem'],
    ['store.p12', '*.p12'],
    ['store.pfx', '*.pfx'],
    ['id_rsa', 'id_rsa'],
    ['ID_RSA', 'id_rsa'],
    ['id_dsa', 'id_dsa'],
    ['id_ecdsa', 'id_ecdsa'],
    ['id_ed25519', 'id_ed25519'],
    ['.npmrc', '.npmrc'],
    ['.netrc', '.netrc'],
    ['.pgpass', '.pgpass'],
    ['.git-credentials', '.git-credentials'],
    ['credentials.json', 'credentials.json'],
    ['Credentials.JSON', 'credentials.json'],
  ])('%s matches %s', (name, pattern) => {
    expect(sensitiveFilePattern(name)).toBe(pattern);
  });

  it.each([
    'key.txt',
    'id_rsa.pub',
    'id_ed25519.pub',
    'id_ecdsa.pub',
    'keys',
    'environment',
    'my.env',
    'env',
    '.envrc',
    'pem',
    'monkey',
    'credentials.yaml',
    'npmrc',
    'app.conf',
  ])('%s does not match', (name) => {
    expect(sensitiveFilePattern(name)).toBeUndefined();
  });
});

describe('mergeRootfsLevels: warnings on the merged result', () => {
  it('warns once per sensitive file, naming the path, the level and what to do, without failing', async () => {
    const root = await temp.make();
    const image = await makeTree(path.join(root, 'images/app/rootfs'), {
      'app/.env.local': 'A=1',
      'etc/ssl/private/SERVER.KEY': 'k',
      'root/.ssh/id_ecdsa': 'k',
      'root/.ssh/id_ecdsa.pub': 'pub',
      'etc/key.txt': 'not secret',
    });
    const version = await makeTree(path.join(root, 'images/app/1/rootfs'), {
      'etc/ssl/private/SERVER.KEY': 'overridden',
      'run/secrets/api.pem': { symlink: '/run/secrets/mounted.pem' },
    });
    const result = await mergeRootfsLevels([image, version], path.join(root, 'dest'), { displayRoot: root });
    expect(result.problems).toEqual([]);
    expect(result.hasContent).toBe(true);
    expect(result.warnings.map((warning) => [warning.path, warning.source])).toEqual([
      ['app/.env.local', 'images/app/rootfs/app/.env.local'],
      ['etc/ssl/private/SERVER.KEY', 'images/app/1/rootfs/etc/ssl/private/SERVER.KEY'],
      ['root/.ssh/id_ecdsa', 'images/app/rootfs/root/.ssh/id_ecdsa'],
    ]);
    expect(result.warnings[1].message).toBe(
      'rootfs file "etc/ssl/private/SERVER.KEY" (from images/app/1/rootfs) looks like a secret (matches "*.key") ' +
        'and would be readable in the image: if this is a secret, remove it; secrets belong in build secrets, ' +
        'not in image layers',
    );
  });

  it('warns about setuid and setgid bits, which normalisation drops', async () => {
    const root = await temp.make();
    const level = await makeTree(path.join(root, 'rootfs'), {
      'usr/bin/both': { content: 'x', mode: 0o6755 },
      'usr/bin/plain': { content: 'x', mode: 0o755 },
      'usr/bin/setgid': { content: 'x', mode: 0o2755 },
      'usr/bin/setuid': { content: 'x', mode: 0o4755 },
    });
    const result = await mergeRootfsLevels([level], path.join(root, 'dest'), { displayRoot: root });
    expect(result.warnings.map((warning) => warning.path)).toEqual([
      'usr/bin/both',
      'usr/bin/setgid',
      'usr/bin/setuid',
    ]);
    expect(result.warnings[0].message).toContain('has the setuid and setgid bit (mode 6755)');
    expect(result.warnings[1].message).toContain('has the setgid bit (mode 2755)');
    expect(result.warnings[2].message).toContain('"usr/bin/setuid" (from rootfs) has the setuid bit (mode 4755)');
  });

  it('does not warn about a sensitive file that a later level replaced with a symlink', async () => {
    const root = await temp.make();
    const image = await makeTree(path.join(root, 'a'), { 'etc/.npmrc': 'token' });
    const variant = await makeTree(path.join(root, 'b'), { 'etc/.npmrc': { symlink: '/run/secrets/npmrc' } });
    const result = await mergeRootfsLevels([image, variant], path.join(root, 'dest'));
    expect(result.warnings).toEqual([]);
  });
});
