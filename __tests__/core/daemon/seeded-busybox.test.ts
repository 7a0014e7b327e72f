import { execFileSync } from 'node:child_process';
import { seededBusybox } from '../../support/busybox-image';
import { containersEnv } from '../../support/containers-env';

describe('test support: seeded busybox images in the shared registry', () => {
  it('pushes one image per architecture and a two-platform index', async () => {
    const seeded = await seededBusybox();
    const raw = execFileSync('skopeo', ['inspect', '--raw', '--tls-verify=false', `docker://${seeded.multi}`], {
      env: containersEnv(),
      encoding: 'utf8',
    });
    const index = JSON.parse(raw) as { manifests: Array<{ platform: { architecture: string } }> };
    expect(index.manifests.map((m) => m.platform.architecture).sort()).toEqual(['amd64', 'arm64']);
    const arm = JSON.parse(
      execFileSync('skopeo', ['inspect', '--config', '--tls-verify=false', `docker://${seeded.byArch.arm64}`], {
        env: containersEnv(),
        encoding: 'utf8',
      }),
    ) as { architecture: string };
    expect(arm.architecture).toBe('arm64');
  }, 120000);
});
