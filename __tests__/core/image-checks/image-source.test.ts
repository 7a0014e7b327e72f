/**
 * Which image a check uses and where from, against a real registry: the local archive only when the build record
 * beside it names this snapshot's platform tag; otherwise the registry (by the recorded digest, else by the tag);
 * "not built" only when the registry says so, and a registry that cannot be asked is never taken for "not built".
 */
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import { loadCatalog } from '../../../src/core/generate/load-catalog';
import { findPlatformImages } from '../../../src/core/image-checks/image-source';
import { parseReference, RegistryClient } from '../../../src/core/registry';
import { MemoryLogger, silentLogger } from '../../../src/core/shared/logger';
import { seededBusybox } from '../../support/busybox-image';
import { containersEnv, requireTool } from '../../support/containers-env';
import { makeProject } from '../../support/project-fixture';

const run = promisify(execFile);
const DIGEST_A = `sha256:${'a'.repeat(64)}`;

interface Setup {
  namespace: string;
  /** Digest of `app:1.0-s1-linux-amd64` in the registry (arm64 is not pushed). */
  pushed: string;
}

let setup: Setup;
beforeAll(async () => {
  requireTool('skopeo', 'apt-get install skopeo');
  const seeded = await seededBusybox();
  const namespace = `${seeded.registry}/src${randomBytes(4).toString('hex')}`;
  const target = `${namespace}/app:1.0-s1-linux-amd64`;
  await run(
    'skopeo',
    [
      'copy',
      '-q',
      '--src-tls-verify=false',
      '--dest-tls-verify=false',
      `docker://${seeded.byArch.amd64}`,
      `docker://${target}`,
    ],
    {
      env: containersEnv(),
    },
  );
  const info = await new RegistryClient().headManifest(parseReference(target));
  if (!info) throw new Error(`${target} was not pushed`);
  setup = { namespace, pushed: info.digest };
}, 300000);

type DistFile = 'record-s1' | 'record-s2' | 'record-broken' | 'archive';

function writeDist(root: string, arch: string, files: DistFile[]): string {
  const dir = path.join(root, 'dist/app/1.0', `linux-${arch}`);
  mkdirSync(dir, { recursive: true });
  for (const file of files) {
    if (file === 'archive') writeFileSync(path.join(dir, 'image.tar'), '');
    else if (file === 'record-broken') writeFileSync(path.join(dir, 'build.json'), '{"ref": ');
    else {
      const snapshot = file === 'record-s1' ? 's1' : 's2';
      const ref = `${setup.namespace}/app:1.0-${snapshot}-linux-${arch}`;
      writeFileSync(path.join(dir, 'build.json'), JSON.stringify({ ref, digest: DIGEST_A }));
    }
  }
  return dir;
}

async function lookUp(files: DistFile[], arch: 'amd64' | 'arm64', registry?: string) {
  const root = makeProject({
    '.image-manager.yml': `dist_dir: dist\nregistries:\n  - url: ${registry ?? setup.namespace}\nplatforms: [linux/amd64, linux/arm64]\n`,
    'images/app/image.yml': "name: app\ntags:\n  - name: '1.0'\n",
    'images/app/Dockerfile.mustache': 'FROM scratch\n',
  });
  const dir = writeDist(root, arch, files);
  const logger = new MemoryLogger();
  const catalog = await loadCatalog({ root, env: {}, snapshotId: 's1', logger: silentLogger });
  const lookup = await findPlatformImages({ catalog, client: new RegistryClient(), logger }, 'app', '1.0', [
    `linux/${arch}`,
  ]);
  return { lookup, dir, logger };
}

describe('findPlatformImages', () => {
  it('uses the local archive when the build record names this snapshot, naming the recorded digest', async () => {
    const { lookup, dir } = await lookUp(['record-s1', 'archive'], 'amd64');
    expect(lookup).toEqual({
      found: [
        {
          image: 'app',
          tag: '1.0',
          platform: 'linux/amd64',
          dir,
          tagRef: `${setup.namespace}/app:1.0-s1-linux-amd64`,
          digest: DIGEST_A,
          ref: `${setup.namespace}/app:1.0-s1-linux-amd64@${DIGEST_A}`,
          source: { kind: 'archive', file: path.join(dir, 'image.tar') },
        },
      ],
      missing: [],
      failed: [],
    });
  });

  it('pulls by the recorded digest when the record has no archive beside it', async () => {
    const { lookup, dir } = await lookUp(['record-s1'], 'amd64');
    expect(lookup.found[0].source).toEqual({
      kind: 'registry',
      reference: parseReference(`${setup.namespace}/app@${DIGEST_A}`),
      why: `no image.tar in ${dir}`,
    });
  });

  it.each<[string, DistFile[], RegExp, RegExp | null]>([
    [
      'a record of another snapshot',
      ['record-s2', 'archive'],
      /build\.json is for .*app:1\.0-s2-linux-amd64, not .*app:1\.0-s1-linux-amd64 \(another snapshot\?\)$/,
      /not using .*image\.tar: .*another snapshot/,
    ],
    ['an archive without a record', ['archive'], /^no build\.json in /, /not using .*image\.tar: no build\.json in /],
    ['no local files at all', [], /^no build\.json in /, null],
    [
      'a record that is not JSON',
      ['record-broken', 'archive'],
      /^no build\.json in /,
      /build\.json is not a build record with a ref and a sha256 digest; ignoring it/,
    ],
  ])('with %s: pulls what the registry has under the platform tag', async (_case, files, why, logged) => {
    const { lookup, logger } = await lookUp(files, 'amd64');
    expect(lookup.found).toHaveLength(1);
    const [image] = lookup.found;
    expect(image.digest).toBe(setup.pushed);
    expect(image.ref).toBe(`${setup.namespace}/app:1.0-s1-linux-amd64@${setup.pushed}`);
    expect(image.source).toMatchObject({
      kind: 'registry',
      reference: parseReference(`${setup.namespace}/app@${setup.pushed}`),
    });
    expect(image.source.kind === 'registry' && image.source.why).toMatch(why);
    const lines = logger.lines.map((l) => l.message).join('\n');
    if (logged) expect(lines).toMatch(logged);
    else expect(lines).toBe('');
  });

  it('a platform neither recorded nor in the registry is not built', async () => {
    const { lookup, dir } = await lookUp([], 'arm64');
    expect(lookup.found).toEqual([]);
    expect(lookup.failed).toEqual([]);
    expect(lookup.missing).toEqual([
      {
        image: 'app',
        tag: '1.0',
        platform: 'linux/arm64',
        dir,
        tagRef: `${setup.namespace}/app:1.0-s1-linux-arm64`,
        reason: `not built: no build.json in ${dir} and ${setup.namespace}/app:1.0-s1-linux-arm64 is not in the registry`,
      },
    ]);
  });

  it('a registry that cannot be reached makes the lookup fail, never "not built"', async () => {
    const { lookup } = await lookUp([], 'amd64', '127.0.0.1:9/nowhere');
    expect(lookup.found).toEqual([]);
    expect(lookup.missing).toEqual([]);
    expect(lookup.failed).toHaveLength(1);
    expect(lookup.failed[0]).toMatchObject({ failed: true, platform: 'linux/amd64' });
    expect(lookup.failed[0].reason).toMatch(
      /^no build\.json in .*, and looking up 127\.0\.0\.1:9\/nowhere\/app:1\.0-s1-linux-amd64 failed: /,
    );
  }, 120000);
});
